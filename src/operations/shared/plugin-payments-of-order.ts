import type { BigNumberInput, MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { vendorOfProviderId } from "../../lib/plugin-vendors"

export interface OrderPluginPayment {
  id: string
  provider_id: string
  payment_collection_id: string
  captured_at?: unknown
  canceled_at?: unknown
  captures?: Array<{ raw_amount: BigNumberInput }> | null
  refunds?: Array<{ raw_amount: BigNumberInput }> | null
}

export interface OrderPluginPayments {
  /** The plugin's payments of the order's payment collections, by id. */
  payments: OrderPluginPayment[]
  /** Ids of the plugin's sessions there that have no payment yet (an authorisation may be under way), in order. */
  sessionsWithoutPayment: string[]
}

/**
 * The plugin's payments and payment-less sessions of every payment collection of an order (the
 * cart's, an order edit's, a claim's), those of the providers `ofProvider` accepts.
 */
export async function pluginPaymentsOfOrder(
  container: MedusaContainer,
  orderId: string,
  ofProvider: (providerId: string) => boolean = (providerId) => !!vendorOfProviderId(providerId)
): Promise<OrderPluginPayments> {
  const { data: orders } = await container.resolve(ContainerRegistrationKeys.QUERY).graph({
    entity: "order",
    fields: [
      "id",
      "payment_collections.payments.id",
      "payment_collections.payments.provider_id",
      "payment_collections.payments.payment_collection_id",
      "payment_collections.payments.captured_at",
      "payment_collections.payments.canceled_at",
      "payment_collections.payments.captures.raw_amount",
      "payment_collections.payments.refunds.raw_amount",
      "payment_collections.payment_sessions.id",
      "payment_collections.payment_sessions.provider_id",
      "payment_collections.payment_sessions.payment.id",
    ],
    filters: { id: orderId },
  })
  type Session = { id: string; provider_id: string; payment?: { id: string } | null }
  type Order = { payment_collections?: Array<{ payments?: OrderPluginPayment[] | null; payment_sessions?: Session[] | null } | null> | null }
  const collections = (orders[0] as Order | undefined)?.payment_collections ?? []
  const ofPlugin = (row: { provider_id: string }) => !!vendorOfProviderId(row.provider_id) && ofProvider(row.provider_id)
  const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  return {
    payments: collections.flatMap((collection) => collection?.payments ?? []).filter(ofPlugin).sort(byId),
    sessionsWithoutPayment: collections
      .flatMap((collection) => collection?.payment_sessions ?? [])
      .filter((session) => ofPlugin(session) && !session.payment)
      .sort(byId)
      .map((session) => session.id),
  }
}
