import type { Logger } from "@medusajs/framework/types"
import {
  authenticate,
  type MedusaNextFunction,
  type MedusaRequest,
  type MedusaResponse,
  type MiddlewareRoute,
} from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { clearUnusedCancellationRefundPlan, planAviratoCancellationRefunds, planAviratoRefundReason } from "../../workflows/avirato/plan-refund-reason"
import { verifyAviratoWebhookAtReceipt } from "./webhook-receipt"

/** The refund reason the admin picked, planned for the refund (Medusa passes only the amount to providers). */
async function planAviratoRefundReasonFromAdmin(req: MedusaRequest, _res: MedusaResponse, next: MedusaNextFunction): Promise<void> {
  try {
    const refundReasonId = (req.body as { refund_reason_id?: unknown } | undefined)?.refund_reason_id
    await planAviratoRefundReason(req.scope, req.params.id, typeof refundReasonId === "string" ? refundReasonId : undefined)
  } catch (error) {
    req.scope.resolve<Logger>(ContainerRegistrationKeys.LOGGER).warn(`Avirato: no refund reason planned for ${req.params.id}: ${(error as Error).message}`)
  }
  next()
}

/**
 * Medusa's order cancellation refunds every captured payment with no reason at all. Plan the reason
 * for the Avirato ones first: the admin's `refund_reason_id` if the request names one, else the
 * order-cancellation reason. A plan no refund used is removed once the route has answered.
 */
async function planAviratoRefundsOfCancellation(req: MedusaRequest, res: MedusaResponse, next: MedusaNextFunction): Promise<void> {
  const logger = req.scope.resolve<Logger>(ContainerRegistrationKeys.LOGGER)
  try {
    const refundReasonId = (req.body as { refund_reason_id?: unknown } | undefined)?.refund_reason_id
    const planned = await planAviratoCancellationRefunds(req.scope, req.params.id, typeof refundReasonId === "string" && refundReasonId ? refundReasonId : undefined)
    if (planned.length) {
      let cleared = false
      const clear = () => {
        if (cleared) return
        cleared = true
        for (const plan of planned) {
          void clearUnusedCancellationRefundPlan(req.scope, plan).catch((error: Error) =>
            logger.warn(`Avirato: the cancellation refund plan of ${plan.paymentId} was not cleared: ${error.message}`)
          )
        }
      }
      res.once("finish", clear)
      res.once("close", clear)
    }
  } catch (error) {
    logger.warn(`Avirato: no refund reason planned for the cancellation of ${req.params.id}: ${(error as Error).message}`)
  }
  next()
}

/** Spread into src/api/middlewares.ts. */
export const aviratoMiddlewares: MiddlewareRoute[] = [
  // Medusa's own webhook route keeps the raw body for this path; the signature is computed over it.
  {
    matcher: "/hooks/payment/:provider",
    method: ["POST"],
    bodyParser: { preserveRawBody: true },
    middlewares: [verifyAviratoWebhookAtReceipt],
  },
  { matcher: "/admin/payments/:id/refund", method: ["POST"], middlewares: [planAviratoRefundReasonFromAdmin] },
  { matcher: "/admin/orders/:id/cancel", method: ["POST"], middlewares: [planAviratoRefundsOfCancellation] },
  { matcher: "/admin/avirato*", middlewares: [authenticate("user", ["session", "bearer", "api-key"])] },
]
