// "Orders paid with Avarda" for My Pages tests, until the Avarda providers are registered in the
// test app: a real storefront checkout with Medusa's system provider, whose payment rows are then
// relabelled with an Avarda provider id and the purchase id the Avarda provider would have stored
// (`authorization_id` for the Authorization API, `purchase_id` for Standalone Credit). By default the
// purchase passed Avarda's electronic-ID validation (`id_validation: "required"`, approved) in a
// session the order's customer started logged in (`shopper_customer_id`), which proves the customer
// is the Avarda person; `{ idValidated: false }` labels a purchase without it.
import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import type { AxiosInstance } from "axios"
import type { Knex } from "knex"
import { checkout, type Address } from "./checkout"

export interface AvardaPaymentLabel {
  providerId: string
  data: Record<string, unknown>
}

export interface PurchaseLabelOptions {
  /** The purchase passed electronic-ID validation (default true). */
  idValidated?: boolean
  /** `order_reference` of the payment data (Avarda puts it on the purchase's transactions). */
  orderReference?: string
}

const identityData = ({ idValidated = true, orderReference }: PurchaseLabelOptions) => ({
  id_validation: idValidated ? "required" : "not_required",
  ...(orderReference ? { order_reference: orderReference } : {}),
})

export const avardaInvoicePayment = (authorizationId: string, options: PurchaseLabelOptions = {}): AvardaPaymentLabel => ({
  providerId: "pp_avarda-invoice_avarda",
  data: { authorization_id: authorizationId, product: "invoice", decision: { outcome: "approved" }, ...identityData(options) },
})

export const avardaStandalonePayment = (purchaseId: string, options: PurchaseLabelOptions = {}): AvardaPaymentLabel => ({
  providerId: "pp_avarda-standalone-invoice_avarda-standalone",
  data: { purchase_id: purchaseId, decision: { outcome: "approved" }, ...identityData(options) },
})

/** The label's data as the provider writes it for a session the order's customer started logged in. */
const startedBy = (label: AvardaPaymentLabel, customerId: unknown) => ({ ...label.data, shopper_customer_id: typeof customerId === "string" ? customerId : null })

/** Rewrites the provider id and data of every payment (and payment session) of an order. */
export async function relabelOrderPayments(container: MedusaContainer, orderId: string, label: AvardaPaymentLabel): Promise<string[]> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data: [order] } = await query.graph({
    entity: "order",
    fields: ["customer_id", "payment_collections.id", "payment_collections.payments.id"],
    filters: { id: orderId },
  })
  const collectionIds: string[] = (order?.payment_collections ?? []).map((c: { id: string }) => c.id)
  const paymentIds: string[] = (order?.payment_collections ?? []).flatMap((c: { payments?: { id: string }[] }) => (c.payments ?? []).map((p) => p.id))
  if (paymentIds.length === 0) throw new Error(`order ${orderId} has no payment to relabel`)
  const knex = container.resolve<Knex>(ContainerRegistrationKeys.PG_CONNECTION)
  const values = { provider_id: label.providerId, data: JSON.stringify(startedBy(label, order?.customer_id)) }
  await knex("payment").whereIn("id", paymentIds).update(values)
  await knex("payment_session").whereIn("payment_collection_id", collectionIds).update(values)
  return paymentIds
}

/** A logged-in customer's checkout, completed into an order "paid with Avarda". */
export async function placeAvardaOrder(
  api: AxiosInstance,
  container: MedusaContainer,
  options: {
    publishableKey: string
    regionId: string
    variantId: string
    customerToken: string
    email: string
    address?: Address
    label: AvardaPaymentLabel
  }
): Promise<{ orderId: string; paymentIds: string[] }> {
  const result = await checkout(api, { ...options, providerId: "pp_system_default" })
  if (result.complete?.data.type !== "order") throw new Error(`checkout did not complete: ${JSON.stringify(result.complete?.data)}`)
  const orderId: string = result.complete.data.order.id
  const paymentIds = await relabelOrderPayments(container, orderId, options.label)
  return { orderId, paymentIds }
}

/** relabelOrderPayments for an app in another process: straight SQL on its database. */
export async function relabelOrderPaymentsSql(
  client: { query(sql: string, params?: unknown[]): Promise<{ rows: Array<Record<string, unknown>> }> },
  orderId: string,
  label: AvardaPaymentLabel
): Promise<string[]> {
  const { rows } = await client.query(
    `SELECT p.id, p.payment_collection_id FROM payment p
       JOIN order_payment_collection opc ON opc.payment_collection_id = p.payment_collection_id
      WHERE opc.order_id = $1 AND opc.deleted_at IS NULL`,
    [orderId]
  )
  if (rows.length === 0) throw new Error(`order ${orderId} has no payment to relabel`)
  const paymentIds = rows.map((row) => String(row.id))
  const collectionIds = [...new Set(rows.map((row) => String(row.payment_collection_id)))]
  const { rows: orders } = await client.query(`SELECT customer_id FROM "order" WHERE id = $1`, [orderId])
  const data = JSON.stringify(startedBy(label, orders[0]?.customer_id))
  await client.query(`UPDATE payment SET provider_id = $1, data = $2::jsonb WHERE id = ANY($3)`, [label.providerId, data, paymentIds])
  await client.query(`UPDATE payment_session SET provider_id = $1, data = $2::jsonb WHERE payment_collection_id = ANY($3)`, [
    label.providerId,
    data,
    collectionIds,
  ])
  return paymentIds
}
