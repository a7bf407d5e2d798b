/** Path of the plugin's public electronic-ID return route (see src/api/avarda-standalone/electronic-id/return). */
export const ELECTRONIC_ID_RETURN_PATH = "/avarda-standalone/electronic-id/return"

/**
 * The `returnUrl` given to Avarda's electronic-ID page: names the payment session, and Avarda
 * appends `externalId` and `status`. Nothing in it is trusted on the way back.
 */
export function electronicIdReturnUrl(backendUrl: string, sessionId: string): string {
  const url = new URL(ELECTRONIC_ID_RETURN_PATH, backendUrl)
  url.searchParams.set("session_id", sessionId)
  return url.toString()
}
