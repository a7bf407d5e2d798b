// Avarda test helpers: a sandbox per test file wired to the Medusa app under test, the plugin's
// store route, the sandbox's ID-validation page driven over real HTTP as a shopper's browser would
// (redirects followed by hand), and a scan proving a value was never stored.
import type { AxiosInstance, AxiosResponse } from "axios"
import type { AvardaControl, IdValidationAction } from "../../src/sandbox/avarda/control"
import { SWEDEN, type RegionSpec } from "./store-fixtures"
import type { PreparedCart } from "./checkout"

import { AVARDA_TEST_IDENTITIES } from "../../src/sandbox/avarda/test-identities"
import { completeCart, prepareCart, SWEDISH_ADDRESS } from "./checkout"
import { fetchHop, redirectLocation, submitForm } from "./redirects"
import { freePort, startSandboxEnv, type SandboxEnv } from "./sandbox-env"
import { pollUntil } from "./wait-for"

export { AVARDA_TEST_IDENTITIES }

export const AVARDA_PROVIDERS = {
  invoice: "pp_avarda-invoice_avarda",
  partPayment: "pp_avarda-part-payment_avarda",
  loan: "pp_avarda-loan_avarda",
  directInvoice: "pp_avarda-direct-invoice_avarda",
} as const

export const STOREFRONT = "http://storefront.test"
export const AVARDA_SUCCESS_URL = `${STOREFRONT}/checkout/success`
export const AVARDA_FAILURE_URL = `${STOREFRONT}/checkout/payment-failed`

/** Sweden with the four Avarda providers and the system provider (the "other method"). */
export const AVARDA_SWEDEN: RegionSpec = { ...SWEDEN, paymentProviders: [...Object.values(AVARDA_PROVIDERS), "pp_system_default"] }

export { freePort }

export interface AvardaTestEnv extends SandboxEnv {
  control: AvardaControl
}

/**
 * Starts a sandbox and sets the environment medusa-config.ts reads, so the app the runner boots
 * next talks to it and Avarda's ID-validation redirect reaches the app. Call it in a top-level
 * `beforeAll` declared BEFORE `medusaIntegrationTestRunner(...)` (or through `useSandboxEnv`).
 */
export async function startAvardaTestEnv(overrides: Record<string, string> = {}): Promise<AvardaTestEnv> {
  const env = await startSandboxEnv({
    AVARDA_SUCCESS_URL,
    AVARDA_FAILURE_URL,
    AVARDA_CREATE_TIMEOUT_MS: "3000",
    AVARDA_REQUEST_TIMEOUT_MS: "1500",
    AVARDA_RECONCILE_GRACE_MINUTES: "0",
    ...overrides,
  })
  return { ...env, control: env.sandbox.avarda as unknown as AvardaControl }
}

/** The body of the plugin's Avarda store routes (`provider_id` defaults to the route's invoice provider). */
export interface StartSessionBody {
  provider_id?: string
  personal_id_number: string
  payment_terms?: number
}

/** `POST <route>` (one of the plugin's Avarda store routes) for a prepared cart; any status is returned. */
export function postCreditSession(
  api: AxiosInstance,
  route: string,
  defaultProviderId: string,
  cart: Pick<PreparedCart, "cartId" | "headers">,
  body: StartSessionBody
): Promise<AxiosResponse> {
  return api.post(route, { cart_id: cart.cartId, provider_id: defaultProviderId, ...body }, { headers: cart.headers, validateStatus: () => true })
}

/** `POST /store/avarda/payment-sessions` for a prepared cart; any status is returned. */
export function startAvardaSession(api: AxiosInstance, cart: Pick<PreparedCart, "cartId" | "headers">, body: StartSessionBody): Promise<AxiosResponse> {
  return postCreditSession(api, "/store/avarda/payment-sessions", AVARDA_PROVIDERS.invoice, cart, body)
}

/** The shopper acts on the sandbox's ID-validation page; returns where the browser is sent (Avarda's callback URL). */
export async function actOnIdValidationPage(redirectUrl: string, action: IdValidationAction = "identify"): Promise<string> {
  const page = await fetch(redirectUrl)
  if (page.status !== 200) throw new Error(`ID-validation page answered ${page.status}`)
  return redirectLocation(await submitForm(redirectUrl, { action }), "ID-validation page")
}

/** The browser follows a URL on the Medusa backend without a publishable key; returns the storefront URL it lands on. */
export async function followToStorefront(url: string): Promise<URL> {
  const { status, location, response } = await fetchHop(url)
  if (status !== 302 || !location) throw new Error(`${url} answered ${status}: ${await response.text()}`)
  return new URL(location)
}

/** Tables (and columns) of the app database whose stored text contains `needle`. */
export async function tablesContaining(dbConnection: { raw: (sql: string, bindings?: unknown[]) => Promise<{ rows: unknown[] }> }, needle: string): Promise<string[]> {
  const { rows } = (await dbConnection.raw(
    "select table_name, column_name from information_schema.columns where table_schema = 'public' and data_type in ('text', 'character varying', 'jsonb', 'json')"
  )) as { rows: Array<{ table_name: string; column_name: string }> }
  const hits: string[] = []
  for (const { table_name, column_name } of rows) {
    const found = await dbConnection.raw(`select 1 from "${table_name}" where "${column_name}"::text like ? limit 1`, [`%${needle}%`])
    if (found.rows.length) hits.push(`${table_name}.${column_name}`)
  }
  return hits
}

/** Polls `probe` until it returns a truthy value (asynchronous subscribers), or fails after `timeoutMs`; a probe that throws fails at once. */
export function waitFor<T>(probe: () => Promise<T | undefined | null | false>, timeoutMs = 15_000, what = "condition"): Promise<T> {
  return pollUntil(probe, { timeoutMs, intervalMs: 200, what })
}

export interface PlacedOrder {
  orderId: string
  displayId: number
  total: number
  paymentId: string
  items: Array<{ id: string; quantity: number }>
}

/** A Swedish Avarda checkout (approved at once) completed into an order. */
export async function placeAvardaOrder(
  api: AxiosInstance,
  options: { publishableKey: string; regionId: string; variantId: string; quantity: number; adminHeaders: Record<string, string>; ssn?: string; providerId?: string; paymentTerms?: number }
): Promise<PlacedOrder> {
  const cart = await prepareCart(api, { publishableKey: options.publishableKey, regionId: options.regionId, variantId: options.variantId, quantity: options.quantity, address: SWEDISH_ADDRESS })
  const started = await startAvardaSession(api, cart, {
    personal_id_number: options.ssn ?? AVARDA_TEST_IDENTITIES.SE.approved,
    ...(options.providerId ? { provider_id: options.providerId } : {}),
    ...(options.paymentTerms ? { payment_terms: options.paymentTerms } : {}),
  })
  if (started.status !== 200) throw new Error(`Avarda session: ${started.status} ${JSON.stringify(started.data)}`)
  const completed = await completeCart(api, cart)
  if (completed.data.type !== "order") throw new Error(`cart completion: ${completed.status} ${JSON.stringify(completed.data)}`)
  const order = completed.data.order
  const { data } = await api.get(`/admin/orders/${order.id}?fields=id,display_id,total,*items,*payment_collections.payments`, { headers: options.adminHeaders })
  return {
    orderId: order.id,
    displayId: data.order.display_id,
    total: data.order.total,
    paymentId: data.order.payment_collections[0].payments[0].id,
    items: data.order.items.map((i: { id: string; quantity: number }) => ({ id: i.id, quantity: i.quantity })),
  }
}

/** Admin: create a fulfillment for `items`, then mark it shipped (emits `shipment.created`). Returns the fulfillment id. */
export async function shipItems(
  api: AxiosInstance,
  adminHeaders: Record<string, string>,
  orderId: string,
  items: Array<{ id: string; quantity: number }>,
  trackingNumber?: string
): Promise<string> {
  const before = await api.get(`/admin/orders/${orderId}?fields=fulfillments.id`, { headers: adminHeaders })
  const known = new Set(before.data.order.fulfillments.map((f: { id: string }) => f.id))
  await api.post(`/admin/orders/${orderId}/fulfillments`, { items }, { headers: adminHeaders })
  const after = await api.get(`/admin/orders/${orderId}?fields=fulfillments.id`, { headers: adminHeaders })
  const fulfillment = after.data.order.fulfillments.find((f: { id: string }) => !known.has(f.id))
  await api.post(
    `/admin/orders/${orderId}/fulfillments/${fulfillment.id}/shipments`,
    { items, ...(trackingNumber ? { labels: [{ tracking_number: trackingNumber, tracking_url: "https://track.example/1", label_url: "https://label.example/1" }] } : {}) },
    { headers: adminHeaders }
  )
  return fulfillment.id
}

export interface PaymentView {
  captures: number[]
  refunds: number[]
  captured_at: string | null
  canceled_at: string | null
  data: Record<string, any>
}

export async function paymentView(api: AxiosInstance, adminHeaders: Record<string, string>, paymentId: string): Promise<PaymentView> {
  const { data } = await api.get(`/admin/payments/${paymentId}?fields=*captures,*refunds,data,captured_at,canceled_at`, { headers: adminHeaders })
  const amounts = (list: Array<{ amount: number; created_at: string }>) =>
    [...list].sort((a, b) => a.created_at.localeCompare(b.created_at)).map((entry) => entry.amount)
  return {
    captures: amounts(data.payment.captures),
    refunds: amounts(data.payment.refunds),
    captured_at: data.payment.captured_at,
    canceled_at: data.payment.canceled_at,
    data: data.payment.data,
  }
}
