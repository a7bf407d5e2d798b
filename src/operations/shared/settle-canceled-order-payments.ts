/**
 * After Medusa has cancelled an order (its `order.canceled` event), the plugin's payments of the
 * order that Medusa's cancel did not settle:
 *
 * - an open payment Medusa's cancel could not cancel at the vendor, or a captured one it could not
 *   refund (it swallows the provider's failure), is cancelled or refunded again;
 * - a payment created after Medusa's cancel read the order's payments — an order edit's or claim's
 *   session paid at the vendor and authorised by the webhook or the job while the order was being
 *   cancelled — is cancelled when open and refunded when captured (an Avirato auto-capture).
 *
 * The authorisations under way are waited for first: the lock of each of the plugin's sessions of the
 * order that has no payment yet is taken and let go, and the order's payments are read after that.
 * An authorisation that starts later finds the payment collection cancelled and gives the money
 * back itself (authorize-session-without-cart.ts). Each payment is then settled under its own lock
 * with its state read again, so a repeated event or a second process changes nothing.
 *
 * Medusa's cancel marks the order's payment collections cancelled; a late authorisation (and the
 * refund of what it captured) sets its collection's status again from its amounts. A collection
 * whose payment was settled here is marked cancelled once more, as Medusa's cancel left it — which
 * also keeps a payment whose cancel fails here within the reconciliation job's reach (it looks for
 * open payments in cancelled collections).
 */
import type { IPaymentModuleService, MedusaContainer } from "@medusajs/framework/types"
import { MathBN, Modules, PaymentCollectionStatus } from "@medusajs/framework/utils"
import { cancelCanceledOrderPayment, type PaymentCancelOutcome } from "../../workflows/credit/cancel-canceled-order-payments"
import { refundCanceledOrderPayment, unrefundedCapturedAmount, type CanceledOrderRefundOutcome } from "../../workflows/shared/refund-canceled-order-payment"
import { withPaymentSessionLock } from "./payment-lock"
import { pluginPaymentsOfOrder, type OrderPluginPayment } from "./plugin-payments-of-order"

export type CanceledOrderPaymentOutcome = PaymentCancelOutcome | CanceledOrderRefundOutcome

function isCaptured(payment: OrderPluginPayment): boolean {
  return !!payment.captured_at || !!payment.captures?.length
}

/** Settles the cancelled order's payments of the providers `ofProvider` accepts; answers what happened to each it touched. */
export async function settleCanceledOrderPayments(
  container: MedusaContainer,
  orderId: string,
  ofProvider: (providerId: string) => boolean
): Promise<Record<string, CanceledOrderPaymentOutcome>> {
  const before = await pluginPaymentsOfOrder(container, orderId, ofProvider)
  for (const sessionId of before.sessionsWithoutPayment) await withPaymentSessionLock(container, sessionId, async () => undefined)
  const { payments } = before.sessionsWithoutPayment.length ? await pluginPaymentsOfOrder(container, orderId, ofProvider) : before
  const outcomes: Record<string, CanceledOrderPaymentOutcome> = {}
  const settledCollections = new Set<string>()
  for (const payment of payments) {
    if (payment.canceled_at) continue
    if (!isCaptured(payment)) outcomes[payment.id] = await cancelCanceledOrderPayment(container, payment.id)
    else if (MathBN.gt(unrefundedCapturedAmount(payment), 0)) outcomes[payment.id] = await refundCanceledOrderPayment(container, payment.id, orderId)
    if (outcomes[payment.id] && outcomes[payment.id] !== "nothing_to_do") settledCollections.add(payment.payment_collection_id)
  }
  if (settledCollections.size) {
    await container
      .resolve<IPaymentModuleService>(Modules.PAYMENT)
      .updatePaymentCollections({ id: [...settledCollections] }, { status: PaymentCollectionStatus.CANCELED })
  }
  return outcomes
}
