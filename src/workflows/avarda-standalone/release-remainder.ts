/**
 * An order cancelled after a partial delivery: Medusa's cancel flow refunds what was invoiced but
 * leaves the payment open (it has captures), so the undelivered rest would stay reserved at Avarda.
 * Cancelling the payment through the Payment Module runs the provider's `cancelPayment`, which sends
 * `RefundRemaining` for a partly invoiced purchase marked for release (and refuses one that is not:
 * Medusa's own cancels after an order change must leave the rest for the coming shipments).
 */
import type { IPaymentModuleService, MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { remainingToCaptureMinor } from "../../lib/avarda/credit-ledger"
import { readStandalonePaymentData } from "../../providers/avarda-standalone/core/payment-data"
import { isStandaloneProviderId } from "../../providers/avarda-standalone/core/provider-ids"
import { standaloneOptionsFor } from "../../providers/avarda-standalone/core/runtime-config"
import { forEachPageOfRows } from "../helpers/paged-rows"
import { withPaymentLock } from "../helpers/payment-lock"
import { writePaymentData } from "../helpers/write-payment-data"

export async function releaseStandaloneRemainders(container: MedusaContainer, orderId: string): Promise<string[]> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data: [order] } = await query.graph({
    entity: "order",
    fields: ["id", "payment_collections.payments.id", "payment_collections.payments.provider_id", "payment_collections.payments.data", "payment_collections.payments.canceled_at"],
    filters: { id: orderId },
  })
  const payments = ((order as { payment_collections?: Array<{ payments?: Array<{ id: string; provider_id: string; data?: Record<string, unknown> | null; canceled_at?: unknown }> }> } | undefined)
    ?.payment_collections ?? []).flatMap((c) => c?.payments ?? [])
  const paymentModule = container.resolve<IPaymentModuleService>(Modules.PAYMENT)
  const released: string[] = []
  for (const payment of payments) {
    const data = readStandalonePaymentData(payment.data)
    if (!isStandaloneProviderId(payment.provider_id) || payment.canceled_at || !data?.purchase_id) continue
    if (!data.captures.length || data.remainder_released || remainingToCaptureMinor(data) <= 0) continue
    // Marked first: the provider releases a partly invoiced purchase's rest only when asked to.
    await withPaymentLock(container, payment.id, async () => {
      const current = readStandalonePaymentData((await paymentModule.retrievePayment(payment.id, { select: ["id", "data"] })).data)
      if (current && !current.remainder_release_requested_at) {
        await writePaymentData(paymentModule, payment.id, { ...current, remainder_release_requested_at: new Date().toISOString() })
      }
    })
    await paymentModule.cancelPayment(payment.id)
    released.push(payment.id)
  }
  return released
}

/**
 * Job: releases a cancelled order asked for that never happened — Avarda failed or could not be
 * reached when the order was cancelled, so its payment is marked for release and no release is
 * recorded. Each such order's release is tried again (same TranId, and Avarda answers a rest already
 * released with "nothing remaining", which counts as done) for as long as the provider's
 * reconciliation window (`maxAgeHours`) after the request; a release Avarda keeps refusing is not
 * asked for every minute forever. A release Avarda did not answer is recorded as unconfirmed and
 * re-sent by the unconfirmed-calls part of the job instead.
 */
export async function retryRequestedRemainderReleases(
  container: MedusaContainer,
  now: Date = new Date()
): Promise<{ released: string[]; failed: string[] }> {
  const report = { released: [] as string[], failed: [] as string[] }
  const providers = await container.resolve<IPaymentModuleService>(Modules.PAYMENT).listPaymentProviders({})
  const providerIds = providers.map((p) => p.id).filter(isStandaloneProviderId)
  if (!providerIds.length) return report
  await forEachPageOfRows<{ id: string; provider_id: string; data?: Record<string, unknown> | null; payment_collection?: { order?: { id: string } | null } | null }>(
    container,
    { entity: "payment", fields: ["id", "provider_id", "data", "payment_collection.order.id"], filters: { provider_id: providerIds, canceled_at: null } },
    async (payments) => {
      for (const payment of payments) {
        const data = readStandalonePaymentData(payment.data)
        const orderId = payment.payment_collection?.order?.id
        if (!data?.remainder_release_requested_at || data.remainder_released || !orderId) continue
        let maxAgeMs: number
        try {
          maxAgeMs = standaloneOptionsFor(container, payment.provider_id).reconciliation.maxAgeHours * 3_600_000
        } catch {
          continue // the provider is not configured any more: left for when it is again
        }
        if (now.getTime() - new Date(data.remainder_release_requested_at).getTime() > maxAgeMs) continue
        try {
          report.released.push(...(await releaseStandaloneRemainders(container, orderId)))
        } catch (error) {
          report.failed.push(`${payment.id}: ${(error as Error).message}`)
        }
      }
    }
  )
  return report
}
