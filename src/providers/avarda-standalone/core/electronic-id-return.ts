import { RETURN_STATE_PARAM, signReturnState, type ReturnStateKey } from "../../../lib/return-state/return-state"

/** Path of the plugin's public electronic-ID return route (see src/api/avarda-standalone/electronic-id). */
export const ELECTRONIC_ID_RETURN_PATH = "/avarda-standalone/electronic-id/return"

/**
 * The `returnUrl` given to Avarda's electronic-ID page: names the payment session and carries a
 * signed `state` bound to it (the proof that a browser coming back belongs to this shopper's flow);
 * Avarda appends `externalId` and `status`. Nothing else in it is trusted on the way back.
 */
export function electronicIdReturnUrl(backendUrl: string, sessionId: string, key: ReturnStateKey): string {
  const url = new URL(ELECTRONIC_ID_RETURN_PATH, backendUrl)
  url.searchParams.set("session_id", sessionId)
  url.searchParams.set(RETURN_STATE_PARAM, signReturnState(key, { purpose: "avarda-standalone-electronic-id-return", sessionId }))
  return url.toString()
}
