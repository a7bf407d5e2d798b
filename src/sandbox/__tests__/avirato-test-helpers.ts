import { createServer, type IncomingHttpHeaders, type Server } from "node:http"
import { startSandbox, type Sandbox, type SandboxOptions } from "../index"
import { useSharedFixture } from "./shared-fixture"

export type Env = "live" | "test"

export async function startAviratoSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  return startSandbox({
    ...options,
    avirato: { webhookDelayMs: 1, webhookRetryBaseMs: 5, webhookMaxAttempts: 3, ...options.avirato },
  })
}

/** The describe block's (or file's) Avirato sandbox: started once, reset before each test, stopped after all. */
export function useAviratoSandbox(): Sandbox {
  return useSharedFixture({
    start: () => startAviratoSandbox(),
    reset: (sandbox) => sandbox.reset(),
    stop: (sandbox) => sandbox.stop(),
  })
}

export function baseUrl(sandbox: Sandbox, env: Env): string {
  return env === "live" ? sandbox.urls.aviratoLive : sandbox.urls.aviratoTest
}

export function apiKey(sandbox: Sandbox, env: Env): string {
  return env === "live" ? sandbox.settings.avirato.apiKey : sandbox.settings.avirato.testApiKey
}

export interface ApiAnswer {
  status: number
   
  json: any
  text: string
}

async function answer(res: Response): Promise<ApiAnswer> {
  const text = await res.text()
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    json = undefined
  }
  return { status: res.status, json, text }
}

/** POST `path` (relative to the environment's base URL) with the right key unless headers override it. */
export async function post(
  sandbox: Sandbox,
  env: Env,
  path: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<ApiAnswer> {
  const res = await fetch(`${baseUrl(sandbox, env)}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-api-key": apiKey(sandbox, env), ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  })
  return answer(res)
}

export async function get(sandbox: Sandbox, env: Env, path: string, headers: Record<string, string> = {}): Promise<ApiAnswer> {
  const res = await fetch(`${baseUrl(sandbox, env)}${path}`, { headers: { "x-api-key": apiKey(sandbox, env), ...headers } })
  return answer(res)
}

export function sessionBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    webcode: "SHOP01",
    amount: { value: 15000, currency: "EUR" },
    urlOk: "https://tu-sistema.com/pago-ok",
    urlKo: "https://tu-sistema.com/pago-error",
    ...overrides,
  }
}

export async function createSession(sandbox: Sandbox, env: Env, overrides: Record<string, unknown> = {}) {
  const res = await post(sandbox, env, "payment/session", sessionBody(overrides))
  if (res.status !== 201) throw new Error(`create session failed: ${res.status} ${res.text}`)
  return res.json.data as { sessionId: string; paymentUrl: string }
}

/** The card form as a browser would post it. */
export async function submitPage(paymentUrl: string, fields: Record<string, string>): Promise<Response> {
  return fetch(paymentUrl, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(fields).toString(),
  })
}

export const GOOD_CARD = { cardNumber: "4111 1111 1111 1111", expiry: "12/99", cvc: "737", holderName: "Test User" }

/** A session paid through the hosted page; returns its paymentReference. */
export async function paidPayment(sandbox: Sandbox, env: Env, overrides: Record<string, unknown> = {}): Promise<string> {
  const { sessionId } = await createSession(sandbox, env, overrides)
  const paid = await sandbox.avirato.pay(sessionId)
  if (paid.attempt?.status !== "authorised") throw new Error("payment not authorised")
  return paid.attempt.paymentReference
}

export interface ReceivedWebhook {
  headers: IncomingHttpHeaders
  rawBody: string
   
  body: any
}

/** A local HTTP endpoint that records webhooks and answers the queued statuses (then 200). */
export class WebhookReceiver {
  readonly received: ReceivedWebhook[] = []
  readonly statuses: number[] = []
  private server?: Server
  url = ""

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = []
      req.on("data", (chunk: Buffer) => chunks.push(chunk))
      req.on("end", () => {
        const rawBody = Buffer.concat(chunks).toString("utf8")
        this.received.push({ headers: req.headers, rawBody, body: JSON.parse(rawBody) })
        res.writeHead(this.statuses.shift() ?? 200, { "content-type": "application/json" })
        res.end('{"received":true}')
      })
    })
    await new Promise<void>((resolve) => this.server!.listen(0, "localhost", resolve))
    const address = this.server.address()
    this.url = `http://localhost:${typeof address === "object" && address ? address.port : 0}/hooks/payment/avirato_avirato`
    return this
  }

  /** Forget what was received and any queued statuses. */
  reset(): void {
    this.received.length = 0
    this.statuses.length = 0
  }

  events(): string[] {
    return this.received.map((webhook) => webhook.body.event_code)
  }

  async stop(): Promise<void> {
    await new Promise((resolve) => this.server?.close(resolve))
  }
}

/**
 * A WebhookReceiver for the block, emptied before each test and set as the webhook URL of `envs`.
 * Call it after `useAviratoSandbox()`, so the URLs are set after the reset that forgets them.
 */
export function useWebhookReceiver(sandbox: Sandbox, envs: Env[]): WebhookReceiver {
  const receiver = new WebhookReceiver()
  beforeAll(() => receiver.start())
  afterAll(() => receiver.stop())
  beforeEach(() => {
    receiver.reset()
    for (const env of envs) sandbox.avirato.setWebhookUrl(env, receiver.url)
  })
  return receiver
}
