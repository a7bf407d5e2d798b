// Shopper and store-owner steps of the deploy scenarios, spread over the two servers as a load
// balancer would: each step names the server it goes to. Built on the demo's store-API helpers.
import { createRequire } from "node:module"
import { orderPayment, retrieveOrder, retrievePayment } from "../../scripts/demo/admin-orders.mjs"
import { AVARDA_PROVIDERS, startAvardaSession } from "../../scripts/demo/avarda-checkout.mjs"
import { AVIRATO_PROVIDER } from "../../scripts/demo/avirato-checkout.mjs"
import { followRedirect, submitPageForm, testCard } from "../../scripts/demo/sandbox-client.mjs"
import { completeCart, createPaymentSession, prepareCart, SPANISH_ADDRESS, SWEDISH_ADDRESS } from "../../scripts/demo/store-checkout.mjs"

const require = createRequire(import.meta.url)
export const checks = require("../../scripts/demo/journey-checks.js")
const { check, checkEqual, checkStatus } = checks

export { AVARDA_PROVIDERS, AVIRATO_PROVIDER, orderPayment, retrieveOrder, retrievePayment, testCard }
export const STANDALONE_INVOICE_PROVIDER = "pp_avarda-standalone-invoice_avarda-standalone"

let shopper = 0
/** A distinct e-mail per cart, so journal entries and orders are told apart. */
const nextEmail = () => `deploy-shopper-${Date.now()}-${++shopper}@example.com`

export function swedishCart(server, seed) {
  return prepareCart(server.store, { regionId: seed.regions.Sweden.id, variantId: seed.product.variantId, address: SWEDISH_ADDRESS, email: nextEmail() })
}

export function spanishCart(server, seed) {
  return prepareCart(server.store, { regionId: seed.regions.Spain.id, variantId: seed.product.variantId, address: SPANISH_ADDRESS, email: nextEmail() })
}

/** Avarda Authorization API session started on `server` for an approved shopper; returns the store route's answer. */
export async function startApprovedAvarda(server, cart, ctx, { providerId = AVARDA_PROVIDERS.invoice, paymentTerms, identity = "approved" } = {}) {
  const body = { provider_id: providerId, personal_id_number: ctx.sandbox.testIdentities.SE[identity], ...(paymentTerms ? { payment_terms: paymentTerms } : {}) }
  return startAvardaSession(server.store, cart, body)
}

export async function completeToOrder(server, cart) {
  const completed = checkStatus(await completeCart(server.store, cart), 200, `complete cart on server ${server.name}`)
  checkEqual(completed.type, "order", "cart completion result")
  return completed.order
}

/** An Avarda invoice order: cart on `cartServer`, payment on `payServer`, completion on `cartServer`. */
export async function avardaInvoiceOrder(ctx, cartServer, payServer) {
  const cart = await swedishCart(cartServer, ctx.seed)
  const started = checkStatus(await startApprovedAvarda(payServer, cart, ctx), 200, `start Avarda payment on server ${payServer.name}`)
  checkEqual(started.next_action?.type, "complete_cart", "Avarda's answer (approved at once)")
  const order = await completeToOrder(cartServer, cart)
  return { cart, order, session: started.payment_session }
}

/** An Avirato session created on `server` through Medusa's payment-session route. */
export async function startAviratoSession(server, cart) {
  const data = checkStatus(await createPaymentSession(server.store, cart, AVIRATO_PROVIDER), 200, `create Avirato payment session on server ${server.name}`)
  const session = data.payment_collection.payment_sessions.find((s) => s.provider_id === AVIRATO_PROVIDER)
  check(session?.data?.payment_url, "the Avirato session has no payment_url")
  return session
}

/** The shopper pays on the hosted page; returns the URL of the plugin's return route the page sends them to (not followed). */
export function payOnHostedPage(session, card = testCard()) {
  return submitPageForm(session.data.payment_url, card, "Avirato payment page")
}

/** The shopper's browser arriving at the return route on `server`; returns the storefront URL it lands on. */
export function arriveAt(server, returnUrl, backendUrl) {
  const url = new URL(returnUrl)
  const target = new URL(`${url.pathname}${url.search}`, server.url)
  check(returnUrl.startsWith(backendUrl), `the page sent the shopper to ${returnUrl}, not to the backend ${backendUrl}`)
  return followRedirect(target.toString(), `Avirato return route on server ${server.name}`)
}

/** An Avirato card order paid on the hosted page and returned through `server`. */
export async function aviratoOrder(ctx, cartServer, payServer) {
  const cart = await spanishCart(cartServer, ctx.seed)
  const session = await startAviratoSession(payServer, cart)
  const landing = await arriveAt(cartServer, await payOnHostedPage(session), ctx.backendUrl)
  const orderId = landing.searchParams.get("order_id")
  check(orderId, `the shopper landed on ${landing.href} without an order`)
  return { cart, session, orderId }
}

/** Reads the settings on `server` and saves `change(settings)` there; returns the saved settings. */
export async function changeSettings(server, change) {
  const before = checkStatus(await server.admin.get("/admin/plugin-settings"), 200, `read the plugin settings on server ${server.name}`).settings
  const after = change(structuredClone(before))
  return checkStatus(await server.admin.post("/admin/plugin-settings", after), 200, `save the plugin settings on server ${server.name}`).settings
}

/** Fulfils every item of the order on `server`; returns the fulfillment id (no shipment yet). */
export async function fulfilWholeOrder(server, orderId) {
  const order = await retrieveOrder(server.admin, orderId)
  const known = new Set((order.fulfillments ?? []).map((f) => f.id))
  const items = order.items.map((item) => ({ id: item.id, quantity: item.quantity }))
  checkStatus(await server.admin.post(`/admin/orders/${orderId}/fulfillments`, { items }), 200, `create fulfillment on server ${server.name}`)
  const fulfillment = ((await retrieveOrder(server.admin, orderId)).fulfillments ?? []).find((f) => !known.has(f.id))
  check(fulfillment?.id, `order ${orderId}: no fulfillment after creating one`)
  return { fulfillmentId: fulfillment.id, items }
}

/** Marks the fulfillment shipped on `server` (Medusa emits shipment.created, handled by the worker). */
export async function ship(server, orderId, { fulfillmentId, items }) {
  checkStatus(await server.admin.post(`/admin/orders/${orderId}/fulfillments/${fulfillmentId}/shipments`, { items }), 200, `create shipment on server ${server.name}`)
}

/** Journal entries of `route` whose path contains `fragment`. */
export async function journalFor(ctx, route, fragment) {
  const entries = await ctx.sandbox.client.journal(route)
  return entries.filter((entry) => entry.path.includes(fragment))
}

/** Sum of the payment's captures in major units (as Medusa reports them). */
export function capturedAmount(payment) {
  return (payment.captures ?? []).reduce((sum, capture) => sum + Number(capture.amount), 0)
}

/** Waits `ms` (used only to let the worker act before asserting that it did NOT do something). */
export const settle = (ms) => new Promise((resolve) => setTimeout(resolve, ms))

/** Avarda captures (`/order` calls) the sandbox received for one authorization. */
export async function avardaCaptures(ctx, authorizationId) {
  return (await ctx.sandbox.client.journal("avarda.authorization.order")).filter((entry) => entry.path.includes(authorizationId) && entry.status >= 200 && entry.status < 300)
}

/** Avirato captures the sandbox accepted for one payment reference. */
export async function aviratoCaptures(ctx, paymentReference) {
  return (await ctx.sandbox.client.journal("avirato.test.payment.capture")).filter((entry) => entry.body?.paymentReference === paymentReference && entry.status >= 200 && entry.status < 300)
}

/** The settings every scenario starts from: nothing overridden, medusa-config.ts decides. */
export const DEFAULT_SETTINGS = { avarda: {}, avardaStandalone: {}, avirato: {} }

/** Every object in the sandbox's state (/__sandbox/state) that satisfies `match`. */
export async function sandboxStateEntries(ctx, match) {
  const state = await (await fetch(`${ctx.sandbox.origin}/__sandbox/state`)).json()
  const found = []
  const visit = (value) => {
    if (Array.isArray(value)) value.forEach(visit)
    else if (value && typeof value === "object") {
      if (match(value)) found.push(value)
      Object.values(value).forEach(visit)
    }
  }
  visit(state)
  return found
}

/** Captures the Avarda sandbox booked on one authorization (each once, whatever the retries). */
export async function avardaBookedCaptures(ctx, authorizationId) {
  return sandboxStateEntries(ctx, (entry) => entry.authorizationId === authorizationId && typeof entry.tranId === "string" && typeof entry.amount === "number")
}

/** Medusa's view of one order's payment: the payment, its captures and their sum (major units). */
export async function medusaCaptures(server, orderId) {
  const { order, payment } = await orderPayment(server.admin, orderId)
  const current = await retrievePayment(server.admin, payment.id)
  return { order, payment: current, captures: current.captures ?? [], captured: capturedAmount(current) }
}

/** Sandbox control call (POST/PUT/DELETE under /__sandbox). */
export async function sandboxControl(ctx, method, route, body) {
  const res = await fetch(`${ctx.sandbox.origin}/__sandbox/${route}`, {
    method,
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const text = await res.text()
  check(res.status < 300, `sandbox ${method} /__sandbox/${route} answered ${res.status}: ${text.slice(0, 200)}`)
  return text ? JSON.parse(text) : undefined
}

const within = (a, b) => Math.abs(Number(a) - Number(b)) < 0.001
export { within }
