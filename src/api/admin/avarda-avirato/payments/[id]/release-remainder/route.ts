import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import type { IPaymentModuleService } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { readStandalonePaymentData } from "../../../../../../providers/avarda-standalone/core/payment-data"
import { reopenAbandonedRemainderRelease } from "../../../../../../workflows/avarda-standalone/release-remainder"

/**
 * POST /admin/avarda-avirato/payments/:id/release-remainder — asks Avarda once more to release the
 * undelivered rest of a cancelled order's Standalone purchase, after the release was recorded as
 * not happening (Avarda refused it, or kept failing for the reconciliation window). Answers
 * `{ outcome: "released" }`, `{ outcome: "not_confirmed" }` when Avarda's answer was lost (the
 * reconciliation job re-sends it, as any unconfirmed call), `{ outcome: "refused", reason }` when
 * Avarda refuses again, 409 when the payment has no such release to ask for, and 502 when Avarda
 * cannot be reached: the release then stays requested and the reconciliation job tries it again.
 */
export async function POST(req: AuthenticatedMedusaRequest, res: MedusaResponse): Promise<void> {
  const paymentId = req.params.id!
  let outcome: Awaited<ReturnType<typeof reopenAbandonedRemainderRelease>>
  try {
    outcome = await reopenAbandonedRemainderRelease(req.scope, paymentId)
  } catch (error) {
    res.status(502).json({
      type: "vendor_unavailable",
      message: `Avarda could not release the rest now (${(error as Error).message}); the release stays requested and the reconciliation job tries it again.`,
    })
    return
  }
  if (outcome === "nothing_to_do") {
    res.status(409).json({ type: "not_allowed", message: `Payment ${paymentId} has no undelivered rest recorded as not released at Avarda` })
    return
  }
  const payment = await req.scope.resolve<IPaymentModuleService>(Modules.PAYMENT).retrievePayment(paymentId, { select: ["id", "data"] })
  const data = readStandalonePaymentData(payment.data)
  if (outcome === "released") {
    res.status(200).json({ outcome: data?.remainder_released?.unconfirmed ? "not_confirmed" : "released" })
    return
  }
  res.status(200).json({ outcome: "refused", reason: data?.remainder_release_failed?.reason ?? null })
}
