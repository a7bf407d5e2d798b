/**
 * The Avarda purchase ids that identify a customer at My Pages: read ONLY from that customer's own
 * orders paid with one of the plugin's Avarda providers, newest first. Authorization-API payments
 * keep it as `authorization_id` (spec U4), Standalone Credit payments as `purchase_id`.
 */
import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"

export const AVARDA_PROVIDER_PREFIX = "pp_avarda"

/** Orders looked at; a customer with more Avarda orders is still identified by the newest ones. */
const MAX_ORDERS = 50

interface PaymentRow {
  provider_id?: string | null
  data?: Record<string, unknown> | null
  created_at?: string | Date | null
}

interface OrderRow {
  id: string
  created_at?: string | Date | null
  payment_collections?: Array<{ payments?: PaymentRow[] | null } | null> | null
}

/** The purchase id an Avarda payment's data carries, if any. */
export function purchaseIdOfPayment(payment: PaymentRow): string | undefined {
  if (!payment.provider_id?.startsWith(AVARDA_PROVIDER_PREFIX)) return undefined
  for (const key of ["authorization_id", "purchase_id"]) {
    const value = payment.data?.[key]
    if (typeof value === "string" && value.trim()) return value.trim()
  }
  return undefined
}

const time = (value: string | Date | null | undefined) => (value ? new Date(value).getTime() : 0)

export async function customerAvardaPurchaseIds(container: MedusaContainer, customerId: string): Promise<string[]> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "order",
    fields: [
      "id",
      "created_at",
      "payment_collections.payments.provider_id",
      "payment_collections.payments.data",
      "payment_collections.payments.created_at",
    ],
    filters: { customer_id: customerId },
    pagination: { order: { created_at: "DESC" }, take: MAX_ORDERS, skip: 0 },
  })
  const found = (data as OrderRow[]).flatMap((order) =>
    (order.payment_collections ?? []).flatMap((collection) =>
      (collection?.payments ?? []).flatMap((payment) => {
        const purchaseId = purchaseIdOfPayment(payment)
        return purchaseId ? [{ purchaseId, at: time(payment.created_at) || time(order.created_at) }] : []
      })
    )
  )
  found.sort((a, b) => b.at - a.at)
  return [...new Set(found.map((entry) => entry.purchaseId))]
}
