// What the journeys do and check as the store owner, through the admin API.
import journeyChecks from "./journey-checks.js"

const { checkStatus, check } = journeyChecks

const ORDER_FIELDS = [
  "id", "display_id", "status", "total", "currency_code", "payment_status", "fulfillment_status",
  "*items", "*payment_collections", "*payment_collections.payments", "*payment_collections.payments.captures",
  "*payment_collections.payments.refunds", "*fulfillments",
].join(",")

export async function retrieveOrder(admin, orderId) {
  return checkStatus(await admin.get(`/admin/orders/${orderId}?fields=${ORDER_FIELDS}`), 200, `retrieve order ${orderId}`).order
}

/** The order's single payment (journeys pay with one provider). */
export async function orderPayment(admin, orderId) {
  const order = await retrieveOrder(admin, orderId)
  const payments = (order.payment_collections ?? []).flatMap((c) => c.payments ?? [])
  check(payments.length === 1, `order ${orderId}: expected one payment, found ${payments.length}`)
  return { order, payment: payments[0] }
}

export async function capturePayment(admin, paymentId, amount) {
  return checkStatus(await admin.post(`/admin/payments/${paymentId}/capture`, amount === undefined ? {} : { amount }), 200, `capture payment ${paymentId}`).payment
}

export async function refundPayment(admin, paymentId, amount, note) {
  return checkStatus(await admin.post(`/admin/payments/${paymentId}/refund`, { amount, ...(note ? { note } : {}) }), 200, `refund payment ${paymentId}`).payment
}

export async function retrievePayment(admin, paymentId) {
  const fields = "id,amount,currency_code,provider_id,captured_at,canceled_at,data,*captures,*refunds"
  return checkStatus(await admin.get(`/admin/payments/${paymentId}?fields=${fields}`), 200, `retrieve payment ${paymentId}`).payment
}

/** Fulfils every item of the order and marks it shipped (what "capture on shipment" listens to). */
export async function shipWholeOrder(admin, orderId) {
  const order = await retrieveOrder(admin, orderId)
  const known = new Set((order.fulfillments ?? []).map((f) => f.id))
  const items = order.items.map((item) => ({ id: item.id, quantity: item.quantity }))
  checkStatus(await admin.post(`/admin/orders/${orderId}/fulfillments`, { items }), 200, "create fulfillment")
  const fulfillment = ((await retrieveOrder(admin, orderId)).fulfillments ?? []).find((f) => !known.has(f.id))
  check(fulfillment?.id, `order ${orderId}: no fulfillment after creating one`)
  checkStatus(await admin.post(`/admin/orders/${orderId}/fulfillments/${fulfillment.id}/shipments`, { items }), 200, "create shipment")
  return fulfillment.id
}

/** Payment provider ids registered in the running app. */
export async function registeredPaymentProviders(admin) {
  const data = checkStatus(await admin.get("/admin/payments/payment-providers?limit=100"), 200, "list payment providers")
  return data.payment_providers.map((p) => p.id).sort()
}
