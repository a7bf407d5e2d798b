/**
 * Whether a browser arriving at a return route proves it belongs to the flow of the payment session
 * it names: the `state` the plugin put on the return URL when it sent the shopper to the vendor
 * (src/lib/return-state). Checked before anything is looked up, so a request without proof learns
 * nothing — not even whether the session exists.
 */
import type { MedusaContainer } from "@medusajs/framework/types"
import { verifyReturnState, type ReturnStateCheck, type ReturnStatePurpose } from "../../lib/return-state/return-state"
import { returnStateKeyOfContainer } from "../../lib/return-state/server-key"

export function returnProof(container: MedusaContainer, purpose: ReturnStatePurpose, sessionId: string | undefined, state: string | undefined): ReturnStateCheck {
  if (!sessionId) return { valid: false, reason: "missing" }
  const key = returnStateKeyOfContainer(container)
  if (!key) return { valid: false, reason: "missing" }
  return verifyReturnState(key, state, { purpose, sessionId })
}
