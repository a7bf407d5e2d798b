/**
 * Runs before Medusa's `POST /admin/payments/:id/capture` (after its input check): Medusa records a
 * capture of the admin's amount but calls the provider without it, so the amount is written into
 * the payment first, as the plan the provider's capture executes — rows per VAT rate for credit
 * payments, the amount for an Avirato pre-authorisation. Other payments pass through untouched,
 * and so does a payment id Medusa does not know (it answers that itself).
 *
 * The payment's lock is held until Medusa's route has answered: a capture on shipment in the worker
 * may be planning at the same moment, and must neither plan in between nor see a half-done capture.
 * The plan is decided on the data as read inside the lock.
 *
 * When the plan cannot be written (the lock stays taken, the database fails), the capture is
 * refused with a 409 and nothing reaches the vendor: Medusa would otherwise record the admin's
 * amount while the provider captured another (everything left, with no plan).
 */
import type { MedusaNextFunction, MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import type { BigNumberInput, IPaymentModuleService, Logger } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { operationsOfProviderId, type AdminCapturePlanner } from "../../operations/plugin-vendor-operations"
import { holdPaymentLockUntilResponse } from "../../operations/shared/payment-lock"

export async function planAdminCapture(req: MedusaRequest, res: MedusaResponse, next: MedusaNextFunction): Promise<void> {
  const paymentId = req.params.id!
  let planner: AdminCapturePlanner | undefined
  try {
    const { provider_id, data } = await req.scope.resolve<IPaymentModuleService>(Modules.PAYMENT).retrievePayment(paymentId, { select: ["id", "provider_id", "data"] })
    planner = operationsOfProviderId(provider_id)?.adminCapturePlannerOf(data, provider_id)
  } catch {
    return next()
  }
  if (!planner) return next()
  try {
    await holdPaymentLockUntilResponse(req.scope, paymentId, res)
    const amount = (req.body as { amount?: BigNumberInput | null } | undefined)?.amount
    await planner(req.scope, paymentId, amount ?? undefined)
  } catch (error) {
    req.scope.resolve<Logger>(ContainerRegistrationKeys.LOGGER).warn(`Capture of ${paymentId} refused: its amount could not be planned (${(error as Error).message})`)
    // Answered here: Medusa's error handler would replace a 409's message with its own.
    res.status(409).json({
      type: "conflict",
      message:
        "The capture was not made: the amount to capture could not be recorded with the payment (it may be busy with another capture or refund). Nothing was captured; try again.",
    })
    return
  }
  next()
}
