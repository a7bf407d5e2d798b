import type { BigNumberInput, MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { sameMedusaAmount } from "../../providers/shared/medusa-amount"
import { forEachPageOfRows } from "./paged-rows"

/** A payment session's own columns, as the jobs and the shopper's return read them. */
export interface StoredSession {
  id: string
  provider_id: string
  status: string
  amount: number | string
  currency_code: string
  data?: Record<string, unknown> | null
}

export interface SessionWithCart extends StoredSession {
  created_at?: string | Date
  cartId?: string
  orderId?: string
  /** The payment Medusa created when it authorized the session (none before that, whatever the status says). */
  paymentId?: string
  /** The session's payment was cancelled (e.g. by the compensation of a failed cart completion). */
  paymentCanceled?: boolean
  /**
   * Its payment collection holds a live (not cancelled) payment of another session: the cart was
   * paid with that one. A payment a failed completion's compensation cancelled pays nothing.
   */
  paidByAnotherSession?: boolean
  /** Its payment collection holds payments of other sessions, all of them cancelled. */
  othersPaymentsAllCanceled?: boolean
  /** Its cart's order was cancelled: no payment will ever be recorded on it. */
  orderCanceled?: boolean
  /**
   * Medusa cancelled its payment collection (the order it belongs to was cancelled, or the collection
   * was replaced by one for the order's new amount due): nothing will be paid through it.
   */
  collectionCanceled?: boolean
  /**
   * No cart holds it, and its payment collection now asks another amount than the session (an order
   * edit changed the amount due of a collection nothing was paid on, in place): paying the session
   * pays the wrong amount. (A cart's session is the cart completion's to judge.)
   */
  collectionAmountChanged?: boolean
}

const FIELDS = [
  "id",
  "provider_id",
  "status",
  "amount",
  "currency_code",
  "data",
  "created_at",
  "payment_collection.status",
  "payment_collection.amount",
  "payment_collection.raw_amount",
  "raw_amount",
  "payment_collection.cart.id",
  "payment_collection.cart.order.id",
  "payment_collection.cart.order.status",
  "payment_collection.payments.id",
  "payment_collection.payments.canceled_at",
  "payment.id",
  "payment.canceled_at",
]

type Row = StoredSession & {
  created_at?: string | Date
  raw_amount?: BigNumberInput | null
  payment_collection?: CollectionAsRead & { cart?: { id: string; order?: { id: string; status?: string } | null } | null; payments?: Array<{ id: string; canceled_at?: string | Date | null }> | null } | null
  payment?: { id: string; canceled_at?: string | Date | null } | null
}

type CollectionAsRead = { status?: string; amount?: BigNumberInput; raw_amount?: BigNumberInput | null }

/**
 * What a session no cart holds learns from its payment collection: cancelled, or asking another
 * amount than the session. Read by the jobs' and webhook's lookups here and by the authorisation of
 * such a session (authorize-session-without-cart.ts), which `isSuperseded` then judges alike.
 */
export function collectionFlags(
  session: { amount: BigNumberInput; raw_amount?: BigNumberInput | null },
  collection: CollectionAsRead | null | undefined,
  hasCart: boolean
): Pick<SessionWithCart, "collectionCanceled" | "collectionAmountChanged"> {
  return {
    ...(collection?.status === "canceled" ? { collectionCanceled: true } : {}),
    ...(!hasCart && collection?.amount !== undefined && !sameMedusaAmount(session, { amount: collection.amount, raw_amount: collection.raw_amount }) ? { collectionAmountChanged: true } : {}),
  }
}

function withCart(row: Row): SessionWithCart {
  const { payment_collection, payment, raw_amount, ...session } = row
  const cart = payment_collection?.cart
  const othersPayments = (payment_collection?.payments ?? []).filter((other) => other.id !== payment?.id)
  const paidByAnotherSession = othersPayments.some((other) => !other.canceled_at)
  return {
    ...session,
    ...(cart ? { cartId: cart.id } : {}),
    ...(cart?.order?.id ? { orderId: cart.order.id } : {}),
    ...(payment?.id ? { paymentId: payment.id } : {}),
    ...(payment?.canceled_at ? { paymentCanceled: true } : {}),
    ...(paidByAnotherSession ? { paidByAnotherSession: true } : {}),
    ...(othersPayments.length && !paidByAnotherSession ? { othersPaymentsAllCanceled: true } : {}),
    ...(cart?.order?.status === "canceled" ? { orderCanceled: true } : {}),
    ...collectionFlags({ amount: session.amount, raw_amount }, payment_collection, !!cart),
  }
}

export async function findPaymentSession(container: MedusaContainer, sessionId: string): Promise<SessionWithCart | undefined> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({ entity: "payment_session", fields: FIELDS, filters: { id: sessionId } })
  return data[0] ? withCart(data[0] as Row) : undefined
}

/**
 * Visits the payment sessions of these providers in these statuses (created no later than
 * `createdBefore` and no earlier than `createdAfter`; with `withoutPayment`, only those Medusa has
 * not authorized yet), page by page, filtered by the database.
 */
export async function forEachPageOfPaymentSessions(
  container: MedusaContainer,
  filters: { provider_id: string[]; status: string[]; createdBefore?: Date; createdAfter?: Date; withoutPayment?: boolean },
  visit: (sessions: SessionWithCart[]) => Promise<void>,
  { pageSize }: { pageSize?: number } = {}
): Promise<void> {
  if (!filters.provider_id.length || !filters.status.length) return
  await forEachPageOfRows<Row & { id: string }>(
    container,
    {
      entity: "payment_session",
      fields: FIELDS,
      filters: {
        provider_id: filters.provider_id,
        status: filters.status,
        // Medusa sets `authorized_at` when it authorizes the session, in the same transaction that
        // creates its payment; a session whose status says authorized (a credit re-read at the
        // vendor) has none until then.
        ...(filters.withoutPayment ? { authorized_at: null } : {}),
        ...(filters.createdBefore || filters.createdAfter
          ? {
              created_at: {
                ...(filters.createdBefore ? { $lte: filters.createdBefore } : {}),
                ...(filters.createdAfter ? { $gte: filters.createdAfter } : {}),
              },
            }
          : {}),
      },
      pageSize,
    },
    (rows) => visit(rows.map(withCart))
  )
}
