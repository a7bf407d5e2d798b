// Avirato test helpers: a sandbox per test file wired to the Medusa app under test, the hosted
// payment page driven over real HTTP (as a shopper's browser would), redirects followed by hand,
// and small waits for asynchronous webhooks.
import type { AviratoPaymentData } from "../../src/providers/avirato/core/payment-data"
import { DEFAULT_AVIRATO_SETTINGS, type Sandbox } from "../../src/sandbox"
import { fetchHop, followRedirect, redirectLocation, submitForm } from "./redirects"
import { freePort, startSandboxEnv, type SandboxEnv } from "./sandbox-env"
import { pollUntil, sleep } from "./wait-for"

/** What the provider stores in payment session / payment data, as tests read it back. */
export type TestPaymentData = AviratoPaymentData
export interface TestPaymentSession {
  id: string
  status: string
  amount: number
  data: TestPaymentData
}

export const AVIRATO_PROVIDER_ID = "pp_avirato-card_avirato"
export const AVIRATO_WEBHOOK_PATH = "/hooks/payment/avirato-card_avirato"
export const AVIRATO_TEST_SECRET = DEFAULT_AVIRATO_SETTINGS.testClientSecret
export const STOREFRONT = "http://storefront.test"
export const SUCCESS_URL = `${STOREFRONT}/checkout/success`
export const FAILURE_URL = `${STOREFRONT}/checkout/payment-failed`

export { freePort }

export type AviratoTestEnv = SandboxEnv

/**
 * Starts a sandbox and sets the environment medusa-config.ts reads, so the app the runner boots
 * next talks to it; the sandbox posts Test webhooks to the app's Avirato webhook route. Call it in a
 * top-level `beforeAll` declared BEFORE `medusaIntegrationTestRunner(...)` (or through `useSandboxEnv`).
 */
export function startAviratoTestEnv(overrides: Record<string, string> = {}): Promise<AviratoTestEnv> {
  return startSandboxEnv(
    {
      PAYMENT_WEBHOOK_DELAY_MS: "1",
      AVIRATO_SUCCESS_URL: SUCCESS_URL,
      AVIRATO_FAILURE_URL: FAILURE_URL,
      AVIRATO_TIMEOUT_MS: "1500",
      ...overrides,
    },
    (backendUrl) => ({ avirato: { webhookDelayMs: 20, webhookRetryBaseMs: 100, testWebhookUrl: `${backendUrl}${AVIRATO_WEBHOOK_PATH}` } })
  )
}

export interface Card {
  cardNumber?: string
  expiry?: string
  cvc?: string
  holderName?: string
}

export const QUICK_SUCCESS_CARD: Required<Card> = {
  cardNumber: "4111 1111 1111 1111",
  expiry: `12/${String((new Date().getUTCFullYear() + 4) % 100).padStart(2, "0")}`,
  cvc: "737",
  holderName: "Test User",
}

/**
 * A shopper on the hosted page: opens paymentUrl (GET shows the form) and submits the card
 * (form POST). Returns where the page redirects (urlOk?data=… or urlKo).
 */
export async function payOnHostedPage(paymentUrl: string, card: Card = {}): Promise<string> {
  const page = await fetchHop(paymentUrl)
  if (page.status !== 200) throw new Error(`payment page answered ${page.status}`)
  const html = await page.response.text()
  if (!/<form/i.test(html)) throw new Error("payment page has no form")
  return redirectLocation(await submitForm(paymentUrl, { ...QUICK_SUCCESS_CARD, ...card }), "payment page")
}

/** The shopper presses "Cancel" on the hosted page. */
export async function cancelOnHostedPage(paymentUrl: string): Promise<string> {
  await fetchHop(paymentUrl)
  const submitted = await submitForm(paymentUrl, { action: "cancel" })
  if (!submitted.location) throw new Error(`payment page did not redirect (${submitted.status})`)
  return submitted.location
}

/** The browser arriving at our return route; returns the storefront URL it is sent on to. */
export const followReturn = followRedirect

/** Polls `check` until it returns a truthy value; a check that throws counts as "not yet" (its last error is named after `timeoutMs`). */
export function waitFor<T>(check: () => Promise<T | undefined | false | null>, { timeoutMs = 15_000, intervalMs = 100 } = {}): Promise<T> {
  return pollUntil(check, { timeoutMs, intervalMs, retryOnError: true })
}

export { sleep }

/**
 * Between two tests: lets the sandbox deliver its webhooks (held ones released first, unless
 * `release: false`) and, unless `pauseMs` is 0, gives the app's subscribers `pauseMs` to finish.
 */
export async function settleAviratoWebhooks(sandbox: Sandbox, { release = true, pauseMs = 300 }: { release?: boolean; pauseMs?: number } = {}): Promise<void> {
  if (release) await sandbox.avirato.releaseWebhooks()
  await sandbox.avirato.webhooksIdle()
  if (pauseMs > 0) await sleep(pauseMs)
}
