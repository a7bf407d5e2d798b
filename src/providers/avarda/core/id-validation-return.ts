import { RETURN_STATE_PARAM, signReturnState, type ReturnStateKey } from "../../../lib/return-state/return-state"

/** Path of the plugin's ID-validation return route (see src/api/avarda/id-validation/return). */
export const ID_VALIDATION_RETURN_PATH = "/avarda/id-validation/return"

/**
 * The `idValidationCallbackUrl` of one payment session: the return route with a signed `state`
 * bound to the session. Avarda appends `?authorizationId=…&orderId=…` (a second `?` after ours: the
 * route reads the query tolerantly).
 */
export function idValidationReturnUrl(backendUrl: string, sessionId: string, key: ReturnStateKey): string {
  const url = new URL(ID_VALIDATION_RETURN_PATH, backendUrl)
  url.searchParams.set(RETURN_STATE_PARAM, signReturnState(key, { purpose: "avarda-id-validation-return", sessionId }))
  return url.toString()
}
