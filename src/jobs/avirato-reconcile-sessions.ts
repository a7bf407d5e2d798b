import type { MedusaContainer } from "@medusajs/framework/types"
import { reconcilePendingAviratoSessions } from "../workflows/avirato/reconcile-pending-sessions"

/** Every 10 minutes: complete orders whose Avirato payment succeeded but was never reported to us. */
export default async function aviratoReconcileSessions(container: MedusaContainer): Promise<void> {
  await reconcilePendingAviratoSessions(container)
}

export const config = {
  name: "avirato-reconcile-sessions",
  schedule: "*/10 * * * *",
}
