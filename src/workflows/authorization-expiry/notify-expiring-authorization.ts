/**
 * One payment's notice that its uncaptured authorization is about to lapse (or has lapsed), as a
 * workflow under the payment's lock (its compensation releases it): the notify step reads the
 * payment and the operational settings again under the lock and decides there — a capture, a
 * cancellation, an extension or an earlier notice recorded meanwhile means nothing is sent — then
 * sends one admin feed notification and records on the payment the expiry it was sent for, unlock.
 *
 * The notification carries an idempotency key of payment and expiry, so a run that dies between
 * sending it and recording it does not notify twice on the next run. Nothing after the notice can
 * fail (the release logs its own failure), so the step has no compensation.
 */
import type { IPaymentModuleService, Logger, MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import {
  authorizationFamilyOf,
  authorizationSettled,
  expiryAdvice,
  expiryStatus,
  expiryWarningDaysFor,
  shouldNotifyExpiry,
} from "../../lib/authorization-expiry"
import { readFreshRuntimeSettings, type RuntimeSettings } from "../../lib/runtime-settings"
import { writePaymentData } from "../../operations/shared/write-payment-data"
import { createPaymentLockedWorkflow } from "../shared/payment-lock-steps"

/** The payment fields the decision reads. */
export interface ExpiringPaymentRow {
  id: string
  provider_id: string
  payment_collection_id?: string | null
  captured_at?: string | Date | null
  canceled_at?: string | Date | null
  data?: Record<string, unknown> | null
}

export const EXPIRING_PAYMENT_FIELDS = ["id", "provider_id", "payment_collection_id", "captured_at", "canceled_at", "data"]

interface NotifyInput {
  payment_id: string
  /** The job run's instant, as an ISO string (workflow input is serialised). */
  now: string
}

/** Whether this payment's admin is due a notice at `now`: an unsettled authorization inside its warning lead, not yet notified for this expiry. */
export function dueForExpiryNotice(payment: ExpiringPaymentRow, now: Date, settings: RuntimeSettings): boolean {
  const family = authorizationFamilyOf(payment.provider_id, payment.data)
  if (!family) return false
  const settled = authorizationSettled(family, payment.data, payment)
  return shouldNotifyExpiry({ family, data: payment.data, settled }, now, expiryWarningDaysFor(family, settings))
}

/** Under the payment's lock: true when the notice was sent (and recorded) now. */
export const notifyExpiringAuthorizationStep = createStep("notify-avarda-avirato-expiring-authorization", async (input: NotifyInput, { container }) => {
  const now = new Date(input.now)
  const paymentModule = container.resolve<IPaymentModuleService>(Modules.PAYMENT)
  const payment = (await paymentModule.retrievePayment(input.payment_id, { select: EXPIRING_PAYMENT_FIELDS })) as unknown as ExpiringPaymentRow
  const settings = await readFreshRuntimeSettings()
  if (!dueForExpiryNotice(payment, now, settings)) return new StepResponse(false)
  const data = (payment.data ?? {}) as Record<string, unknown>
  const family = authorizationFamilyOf(payment.provider_id, data)!
  const status = expiryStatus(data.authorization_expires_at as string, now, expiryWarningDaysFor(family, settings))!
  const order = await orderOfPayment(container, payment.payment_collection_id)
  const onOrder = order ? ` on order #${order.display_id}` : ""
  await container.resolve(Modules.NOTIFICATION).createNotifications({
    to: "",
    channel: "feed",
    template: "admin-ui",
    data: {
      title: status.state === "expired" ? `Authorization lapsed${onOrder}` : `Authorization expiring${onOrder}`,
      description: `${expiryAdvice(family, status)} Payment ${payment.id}${order ? `, order ${order.id}` : ""}.`,
    },
    // The same payment and expiry never notify twice, even if the write below is lost.
    idempotency_key: `authorization-expiry:${payment.id}:${status.expires_at}`,
  })
  await writePaymentData(paymentModule, payment.id, { ...data, authorization_expiry_notified_for: status.expires_at })
  container.resolve<Logger>(ContainerRegistrationKeys.LOGGER).warn(`Authorization expiry: ${expiryAdvice(family, status)} (payment ${payment.id})`)
  return new StepResponse(true)
})

/** One payment's expiry notice: lock, decide and notify, unlock. */
export const notifyExpiringAuthorizationWorkflow = createPaymentLockedWorkflow(
  "notify-avarda-avirato-expiring-authorization",
  (input: NotifyInput) => input.payment_id,
  notifyExpiringAuthorizationStep
)

/** The order a payment's collection belongs to, for the notice's wording; none when it cannot be read. */
async function orderOfPayment(container: MedusaContainer, paymentCollectionId: string | null | undefined): Promise<{ id: string; display_id: number } | undefined> {
  if (!paymentCollectionId) return undefined
  try {
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const { data } = await query.graph({ entity: "payment_collection", fields: ["id", "order.id", "order.display_id"], filters: { id: paymentCollectionId } })
    const order = (data[0] as { order?: { id: string; display_id: number } | null } | undefined)?.order
    return order ?? undefined
  } catch {
    return undefined
  }
}
