/** The plugin's public route Avirato sends the shopper back to (see src/api/avirato/return/route.ts). */
export const RETURN_ROUTE_PATH = "/avirato/return"

/** urlOk / urlKo for one Medusa payment session; Avirato appends `data=<JWT>` to urlOk. */
export function returnUrls(backendUrl: string, medusaSessionId: string): { ok: string; ko: string } {
  const ok = new URL(`${backendUrl}${RETURN_ROUTE_PATH}`)
  ok.searchParams.set("session", medusaSessionId)
  const ko = new URL(ok)
  ko.searchParams.set("result", "ko")
  return { ok: ok.toString(), ko: ko.toString() }
}
