// Avarda Standalone Credit (CheckOut2Api) test helpers: provider ids, a sandbox per test file wired
// to the app (on top of the Avarda helpers), the plugin's store route, and the sandbox's
// electronic-ID page driven over real HTTP as the shopper's browser would.
import type { AxiosInstance, AxiosResponse } from "axios"
import { completeCart, prepareCart, SWEDISH_ADDRESS, type PreparedCart } from "./checkout"
import { SWEDEN, type RegionSpec } from "./store-fixtures"
import { AVARDA_TEST_IDENTITIES, postCreditSession, STOREFRONT, startAvardaTestEnv, type AvardaTestEnv, type StartSessionBody } from "./avarda"
import { redirectLocation, submitForm } from "./redirects"

export const STANDALONE_PROVIDERS = {
  invoice: "pp_avarda-standalone-invoice_avarda-standalone",
  directInvoice: "pp_avarda-standalone-direct-invoice_avarda-standalone",
  loan: "pp_avarda-standalone-loan_avarda-standalone",
  partPayment: "pp_avarda-standalone-part-payment_avarda-standalone",
} as const

export const STANDALONE_SUCCESS_URL = `${STOREFRONT}/standalone/success`
export const STANDALONE_FAILURE_URL = `${STOREFRONT}/standalone/payment-failed`

/** Sweden with the four Standalone Credit providers and the system provider (the "other method"). */
export const STANDALONE_SWEDEN: RegionSpec = { ...SWEDEN, paymentProviders: [...Object.values(STANDALONE_PROVIDERS), "pp_system_default"] }

/** A sandbox and the environment medusa-config.ts reads. Call in a top-level `beforeAll` declared BEFORE `medusaIntegrationTestRunner(...)`. */
export function startStandaloneTestEnv(overrides: Record<string, string> = {}): Promise<AvardaTestEnv> {
  return startAvardaTestEnv({
    AVARDA_STANDALONE_SUCCESS_URL: STANDALONE_SUCCESS_URL,
    AVARDA_STANDALONE_FAILURE_URL: STANDALONE_FAILURE_URL,
    AVARDA_STANDALONE_AUTHORIZE_TIMEOUT_MS: "3000",
    AVARDA_STANDALONE_REQUEST_TIMEOUT_MS: "1500",
    AVARDA_STANDALONE_RECONCILE_GRACE_MINUTES: "0",
    ...overrides,
  })
}

export type StandaloneSessionBody = StartSessionBody

/** `POST /store/avarda-standalone/payment-sessions` for a prepared cart; any status is returned. */
export function startStandaloneSession(api: AxiosInstance, cart: Pick<PreparedCart, "cartId" | "headers">, body: StandaloneSessionBody): Promise<AxiosResponse> {
  return postCreditSession(api, "/store/avarda-standalone/payment-sessions", STANDALONE_PROVIDERS.invoice, cart, body)
}

/** The shopper acts on the sandbox's CheckOut2ElectronicId page; returns where the browser is sent (the plugin's return URL). */
export async function actOnElectronicIdPage(redirectUrl: string, action: "identify" | "cancel" = "identify"): Promise<string> {
  const page = await fetch(redirectUrl)
  if (page.status !== 200) throw new Error(`electronic-ID page answered ${page.status}`)
  const url = new URL(redirectUrl)
  const submitted = await submitForm(`${url.origin}${url.pathname}`, { externalId: url.searchParams.get("externalId") ?? "", returnUrl: url.searchParams.get("returnUrl") ?? "", action })
  return redirectLocation(submitted, "electronic-ID page")
}

export interface PlacedStandaloneOrder {
  orderId: string
  displayId: number
  total: number
  paymentId: string
  purchaseId: string
  items: Array<{ id: string; quantity: number }>
}

/** A Swedish Standalone Credit checkout (approved at once) completed into an order. */
export async function placeStandaloneOrder(
  api: AxiosInstance,
  options: { publishableKey: string; regionId: string; variantId: string; quantity: number; adminHeaders: Record<string, string>; providerId?: string; paymentTerms?: number }
): Promise<PlacedStandaloneOrder> {
  const cart = await prepareCart(api, { publishableKey: options.publishableKey, regionId: options.regionId, variantId: options.variantId, quantity: options.quantity, address: SWEDISH_ADDRESS })
  const started = await startStandaloneSession(api, cart, {
    personal_id_number: AVARDA_TEST_IDENTITIES.SE.approved,
    ...(options.providerId ? { provider_id: options.providerId } : {}),
    ...(options.paymentTerms ? { payment_terms: options.paymentTerms } : {}),
  })
  if (started.status !== 200) throw new Error(`Standalone session: ${started.status} ${JSON.stringify(started.data)}`)
  const completed = await completeCart(api, cart)
  if (completed.data.type !== "order") throw new Error(`cart completion: ${completed.status} ${JSON.stringify(completed.data)}`)
  const { data } = await api.get(`/admin/orders/${completed.data.order.id}?fields=id,display_id,total,*items,*payment_collections.payments`, { headers: options.adminHeaders })
  const payment = data.order.payment_collections[0].payments[0]
  return {
    orderId: data.order.id,
    displayId: data.order.display_id,
    total: data.order.total,
    paymentId: payment.id,
    purchaseId: payment.data.purchase_id,
    items: data.order.items.map((i: { id: string; quantity: number }) => ({ id: i.id, quantity: i.quantity })),
  }
}
