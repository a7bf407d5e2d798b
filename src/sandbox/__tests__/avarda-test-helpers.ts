/** Shared helpers of the Avarda sandbox tests (real HTTP through Node's fetch). */
import { startSandbox, type Sandbox, type SandboxOptions } from "../index"
import type { AvardaControl } from "../avarda"
import { AVARDA_TEST_IDENTITIES, AVARDA_TEST_MARKETS } from "../avarda/test-identities"
import { useSharedFixture } from "./shared-fixture"

export interface AvardaTestSandbox {
  sandbox: Sandbox
  control: AvardaControl
  /** `${origin}/avarda/authorization-api` (no trailing slash). */
  aa: string
  c2: string
  mp: string
}

export async function startAvardaSandbox(options: SandboxOptions = {}): Promise<AvardaTestSandbox> {
  const sandbox = await startSandbox(options)
  return {
    sandbox,
    control: sandbox.avarda as unknown as AvardaControl,
    aa: `${sandbox.origin}/avarda/authorization-api`,
    c2: `${sandbox.origin}/avarda/checkout2`,
    mp: `${sandbox.origin}/avarda/mypages`,
  }
}

/** The file's (or describe block's) Avarda sandbox: started once, reset before each test, stopped after all. */
export function useAvardaSandbox(): AvardaTestSandbox {
  return useSharedFixture({
    start: () => startAvardaSandbox(),
    reset: (t) => t.sandbox.reset(),
    stop: (t) => t.sandbox.stop(),
  })
}

/** A parsed JSON value whose shape a test asserts on (vendor bodies are asserted, not typed). */
 
export type JsonObject = Record<string, any>

export interface JsonReply {
  status: number
  headers: Headers
   
  body: any
  text: string
}

export async function reply(res: Response): Promise<JsonReply> {
  const text = await res.text()
  let body: unknown
  try {
    body = text.length > 0 ? JSON.parse(text) : undefined
  } catch {
    body = undefined
  }
  return { status: res.status, headers: res.headers, body, text }
}

export async function postJson(url: string, body: unknown, headers: Record<string, string> = {}): Promise<JsonReply> {
  return reply(
    await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: typeof body === "string" ? body : JSON.stringify(body),
      redirect: "manual",
    }),
  )
}

export async function getJson(url: string, headers: Record<string, string> = {}): Promise<JsonReply> {
  return reply(await fetch(url, { headers, redirect: "manual" }))
}

export async function postForm(url: string, fields: Record<string, string>, headers: Record<string, string> = {}): Promise<JsonReply> {
  return reply(
    await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
      body: new URLSearchParams(fields).toString(),
      redirect: "manual",
    }),
  )
}

export async function authorizationApiToken(t: AvardaTestSandbox): Promise<string> {
  const { clientId, clientSecret } = t.sandbox.settings.avarda
  const res = await postForm(`${t.aa}/oauth2/token`, { client_id: clientId, client_secret: clientSecret, grant_type: "client_credentials" })
  if (res.status !== 200) throw new Error(`token: ${res.status} ${res.text}`)
  return res.body.access_token
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` })

/**
 * `{ authorization: "Bearer …" }` for the Authorization API, filled with a fresh token before each
 * test. Call it after `useAvardaSandbox()`, so the token is issued after the reset that forgets tokens.
 */
export function useAuthorizationApiBearer(t: AvardaTestSandbox): Record<string, string> {
  const header: Record<string, string> = {}
  beforeEach(async () => {
    Object.assign(header, bearer(await authorizationApiToken(t)))
  })
  return header
}

export function basicAuth(t: AvardaTestSandbox, site = t.sandbox.settings.avarda.siteCode, password = t.sandbox.settings.avarda.sitePassword) {
  return { authorization: `Basic ${Buffer.from(`${site}:${password}`).toString("base64")}` }
}

type Market = keyof typeof AVARDA_TEST_MARKETS

/** A valid create-authorization body (invoice) for a market and personal number. */
export function authorizationRequest(
  market: Market = "SE",
  identificationNumber: string = AVARDA_TEST_IDENTITIES[market].approved,
  overrides: Record<string, unknown> = {},
): JsonObject {
  const m = AVARDA_TEST_MARKETS[market]
  return {
    customer: { identificationNumber, userLanguageCode: m.userLanguageCode, phone: m.phone, email: m.email },
    invoicingAddress: { firstName: "Test", lastName: "Person", addressLine1: m.addressLine1, city: m.city, zip: m.zip, country: m.country },
    items: [
      { description: "Trail shoes", notes: "SKU-1", amount: 899.5, taxCode: "25", taxAmount: 179.9, quantity: 1 },
      { description: "Shipping", amount: 49, taxCode: "25", taxAmount: 9.8 },
    ],
    orderReference: "ORDER-1001",
    posId: "0",
    description: "",
    idValidationCallbackUrl: "https://shop.example/avarda/return?cart=42",
    ...overrides,
  }
}

/** A valid AuthorizeInvoiceEID body for a market and personal number. */
export function standaloneRequest(
  market: Market = "SE",
  identificationNumber: string = AVARDA_TEST_IDENTITIES[market].approved,
  overrides: Record<string, unknown> = {},
): JsonObject {
  const m = AVARDA_TEST_MARKETS[market]
  return {
    IdentificationNumber: identificationNumber,
    UserLanguageCode: market === "SE" || market === "FI" ? m.checkout2LanguageCode : "en-US",
    Phone: m.phone,
    Mail: m.email,
    Price: 948.5,
    InvoicingFirstName: "Test",
    InvoicingLastName: "Person",
    InvoicingAddressLine1: m.addressLine1,
    InvoicingZip: m.zip,
    InvoicingCity: m.city,
    Items: [
      { Description: "Trail shoes", Notes: "SKU-1", Amount: 899.5, TaxCode: "25", TaxAmount: 179.9 },
      { Description: "Shipping", Amount: 49, TaxCode: "25", TaxAmount: 9.8 },
    ],
    OrderReference: "ORDER-2001",
    ...overrides,
  }
}
