import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { reopenAbandonedRemainderRelease } from "../../../../../../workflows/avarda-standalone/release-remainder"

/**
 * POST /admin/avarda-avirato/payments/:id/release-remainder — asks Avarda once more to release the
 * undelivered rest of a cancelled order's Standalone purchase, after the release was recorded as
 * not happening (Avarda refused it, or kept failing for the reconciliation window). Answers
 * `{ outcome: "released" }`, `{ outcome: "not_confirmed" }` when Avarda's answer was lost (the
 * reconciliation job re-sends it, as any unconfirmed call), `{ outcome: "refused", reason }` when
 * Avarda refuses again, 409 when the payment has no such release to ask for, and 502 when Avarda
 * cannot be reached: the release then stays requested and the reconciliation job tries it again.
 * A failure before Avarda was asked (the payment's lock, the database) is Medusa's error answer:
 * nothing was reopened then.
 */
export async function POST(req: AuthenticatedMedusaRequest, res: MedusaResponse): Promise<void> {
  const paymentId = req.params.id!
  const answer = await reopenAbandonedRemainderRelease(req.scope, paymentId)
  switch (answer.outcome) {
    case "vendor_failed":
      res.status(502).json({
        type: "vendor_unavailable",
        message: `Avarda could not release the rest now (${answer.message}); the release stays requested and the reconciliation job tries it again.`,
      })
      return
    case "nothing_to_do":
      res.status(409).json({ type: "not_allowed", message: `Payment ${paymentId} has no undelivered rest recorded as not released at Avarda` })
      return
    case "released":
      res.status(200).json({ outcome: answer.unconfirmed ? "not_confirmed" : "released" })
      return
    case "abandoned":
      res.status(200).json({ outcome: "refused", reason: answer.reason ?? null })
  }
}
