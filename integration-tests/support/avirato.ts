// Avirato test helpers: a sandbox per test file wired to the Medusa app under test, the hosted
// payment page driven over real HTTP (as a shopper's browser would), redirects followed by hand,
// and small waits for asynchronous webhooks.
import { createServer } from "node:net"
import type { AviratoPaymentData } from "../../src/providers/avirato/core/payment-data"
import { DEFAULT_AVIRATO_SETTINGS, startSandbox, type Sandbox } from "../../src/sandbox"

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

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.unref()
    server.on("error", reject)
    server.listen(0, "127.0.0.1", () => {
      const address = server.address()
      const port = typeof address === "object" && address ? address.port : 0
      server.close(() => resolve(port))
    })
  })
}

export interface AviratoTestEnv {
  sandbox: Sandbox
  /** The Medusa app's port (it is started by the runner after this). */
  port: number
  backendUrl: string
}

/**
 * Starts a sandbox and sets the environment medusa-config.ts reads, so the app the runner boots
 * next talks to it; the sandbox posts Test webhooks to the app's Avirato webhook route. Call it in a
 * top-level `beforeAll` declared BEFORE `medusaIntegrationTestRunner(...)`.
 */
export async function startAviratoTestEnv(overrides: Record<string, string> = {}): Promise<AviratoTestEnv> {
  const port = await freePort()
  const backendUrl = `http://localhost:${port}`
  const sandbox = await startSandbox({
    avirato: { webhookDelayMs: 20, webhookRetryBaseMs: 100, testWebhookUrl: `${backendUrl}${AVIRATO_WEBHOOK_PATH}` },
  })
  Object.assign(process.env, {
    PORT: String(port),
    MEDUSA_BACKEND_URL: backendUrl,
    SANDBOX_URL: sandbox.origin,
    PAYMENT_WEBHOOK_DELAY_MS: "1",
    AVIRATO_SUCCESS_URL: SUCCESS_URL,
    AVIRATO_FAILURE_URL: FAILURE_URL,
    AVIRATO_TIMEOUT_MS: "1500",
    ...overrides,
  })
  return { sandbox, port, backendUrl }
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
  const page = await fetch(paymentUrl, { redirect: "manual" })
  if (page.status !== 200) throw new Error(`payment page answered ${page.status}`)
  const html = await page.text()
  if (!/<form/i.test(html)) throw new Error("payment page has no form")
  const form = new URLSearchParams({ ...QUICK_SUCCESS_CARD, ...card })
  const submitted = await fetch(paymentUrl, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: form.toString(),
  })
  const location = submitted.headers.get("location")
  if (submitted.status !== 302 || !location) throw new Error(`payment page did not redirect (${submitted.status})`)
  return location
}

/** The shopper presses "Cancel" on the hosted page. */
export async function cancelOnHostedPage(paymentUrl: string): Promise<string> {
  await fetch(paymentUrl, { redirect: "manual" })
  const submitted = await fetch(paymentUrl, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: "action=cancel",
  })
  const location = submitted.headers.get("location")
  if (!location) throw new Error(`payment page did not redirect (${submitted.status})`)
  return location
}

/** The browser arriving at our return route; returns the storefront URL it is sent on to. */
export async function followReturn(location: string): Promise<{ status: number; url: URL }> {
  const response = await fetch(location, { redirect: "manual" })
  const next = response.headers.get("location")
  if (!next) throw new Error(`return route answered ${response.status} without a redirect: ${await response.text()}`)
  return { status: response.status, url: new URL(next) }
}

/** Polls `check` until it returns a truthy value (or throws the last error after `timeoutMs`). */
export async function waitFor<T>(check: () => Promise<T | undefined | false | null>, { timeoutMs = 15_000, intervalMs = 100 } = {}): Promise<T> {
  const deadline = Date.now() + timeoutMs
  let lastError: unknown
  for (;;) {
    try {
      const value = await check()
      if (value) return value
    } catch (error) {
      lastError = error
    }
    if (Date.now() > deadline) {
      throw new Error(`condition not met within ${timeoutMs} ms${lastError ? `: ${(lastError as Error).message}` : ""}`)
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs))
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
