/**
 * Asks a payment session's provider to re-read the vendor's state, through the Payment Module's
 * public `updatePaymentSession` (the provider's `updatePayment`, which core never calls, re-reads
 * the authorization). The session row then holds the vendor's current status and decision.
 */
import type { IPaymentModuleService, MedusaContainer, PaymentSessionDTO } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"

export interface StoredSession {
  id: string
  provider_id: string
  status: string
  amount: number | string
  currency_code: string
  data?: Record<string, unknown> | null
}

export async function refreshPaymentSession(container: MedusaContainer, session: StoredSession): Promise<PaymentSessionDTO> {
  const paymentModule = container.resolve<IPaymentModuleService>(Modules.PAYMENT)
  return paymentModule.updatePaymentSession({
    id: session.id,
    data: session.data ?? {},
    amount: session.amount as number,
    currency_code: session.currency_code,
  })
}
