/**
 * What a customer's own orders say about them at Avarda: read ONLY from that customer's orders paid
 * with one of the plugin's Avarda providers, newest first. Authorization-API payments keep the
 * purchase id as `authorization_id` (assumption U4), Standalone Credit payments as `purchase_id`.
 */
import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import {
  electronicIdProofOf,
  orderReferencesOfPayment,
  purchaseIdOfPayment,
  type ElectronicIdProof,
  type OwnPayment,
} from "../../modules/avarda-my-pages/identity-rules"

/** Orders looked at; a customer with more Avarda orders is still identified by the newest ones. */
const MAX_ORDERS = 50

interface OrderRow {
  id: string
  created_at?: string | Date | null
  payment_collections?: Array<{ payments?: OwnPayment[] | null } | null> | null
}

export interface CustomerAvardaPurchases {
  /** Purchase ids, newest first, each once. */
  purchaseIds: string[]
  /** Order references Avarda puts on these purchases' transactions. */
  orderReferences: string[]
  /** Purchases that passed electronic-ID validation. */
  electronicIdProofs: ElectronicIdProof[]
}

const time = (value: string | Date | null | undefined) => (value ? new Date(value).getTime() : 0)

export async function customerAvardaPurchases(container: MedusaContainer, customerId: string): Promise<CustomerAvardaPurchases> {
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
  const payments = (data as OrderRow[]).flatMap((order) =>
    (order.payment_collections ?? []).flatMap((collection) =>
      (collection?.payments ?? []).map((payment) => ({ payment, at: time(payment.created_at) || time(order.created_at) }))
    )
  )
  payments.sort((a, b) => b.at - a.at)
  const purchaseIds = payments.flatMap(({ payment }) => purchaseIdOfPayment(payment) ?? [])
  return {
    purchaseIds: [...new Set(purchaseIds)],
    orderReferences: [...new Set(payments.flatMap(({ payment }) => orderReferencesOfPayment(payment)))],
    electronicIdProofs: payments.flatMap(({ payment }) => electronicIdProofOf(payment, customerId) ?? []),
  }
}
