import { RETURN_STATE_PARAM, signReturnState, verifyReturnState, type ReturnStateKey } from "../../../lib/return-state/return-state"

/** The plugin's public route Avirato sends the shopper back to (see src/api/avirato/return/route.ts). */
export const RETURN_ROUTE_PATH = "/avirato/return"

/**
 * urlOk / urlKo for one Medusa payment session, both with a signed `state` bound to the session (the
 * proof that a browser coming back belongs to this shopper's flow); Avirato appends `data=<JWT>` to urlOk.
 */
export function returnUrls(backendUrl: string, medusaSessionId: string, key: ReturnStateKey): { ok: string; ko: string } {
  const ok = new URL(`${backendUrl}${RETURN_ROUTE_PATH}`)
  ok.searchParams.set("session", medusaSessionId)
  ok.searchParams.set(RETURN_STATE_PARAM, signReturnState(key, { purpose: "avirato-hosted-page-return", sessionId: medusaSessionId }))
  const ko = new URL(ok)
  ko.searchParams.set("result", "ko")
  return { ok: ok.toString(), ko: ko.toString() }
}

/**
 * Whether `urlOk` (as Avirato reports it for a session) is a return URL this store made for the
 * Medusa payment session `medusaSessionId`: it names that session and carries a state signed with
 * this store's key. An expired state still proves where the URL came from.
 */
export function isReturnUrlOf(urlOk: string | null | undefined, medusaSessionId: string, key: ReturnStateKey): boolean {
  if (!urlOk) return false
  let url: URL
  try {
    url = new URL(urlOk)
  } catch {
    return false
  }
  if (!url.pathname.endsWith(RETURN_ROUTE_PATH) || url.searchParams.get("session") !== medusaSessionId) return false
  const check = verifyReturnState(key, url.searchParams.get(RETURN_STATE_PARAM) ?? undefined, { purpose: "avirato-hosted-page-return", sessionId: medusaSessionId })
  return check.valid || check.reason === "expired"
}
