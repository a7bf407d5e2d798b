/**
 * The sandbox switch: `AVARDA_AVIRATO_SANDBOX_URL=http://localhost:4010` points every vendor API
 * of the plugin — Avarda's Authorization API, Standalone Credit (CheckOut2), My Pages, the checkout
 * API of the payment widget, and Avirato (Test layout) — at a running sandbox, with the sandbox's
 * credentials, so a store can try every method before it has vendor credentials.
 *
 * This module owns the mapping from a sandbox origin to each vendor's base URL and credentials
 * (the sandbox's own route layout and default credentials), and how the switch overrides the
 * options of each provider. Every options resolver (the three provider families, the My Pages
 * module, the admin settings page, the go-live check) consults it. Pure: it reads only the
 * environment object it is given.
 */
import { PAY_PAGE_PATH } from "../sandbox/avarda/pages/pay-page"
import { DEFAULT_AVARDA_SETTINGS, DEFAULT_AVIRATO_SETTINGS } from "../sandbox/core/options"
import { sandboxUrls } from "../sandbox/core/urls"

export const SANDBOX_URL_VARIABLE = "AVARDA_AVIRATO_SANDBOX_URL"
export const SANDBOX_ALLOW_PRODUCTION_VARIABLE = "AVARDA_AVIRATO_SANDBOX_ALLOW_PRODUCTION"

/** Any positive part-payment account class is accepted by the sandbox; Avarda issues real ones per partner. */
export const SANDBOX_PART_PAYMENT_ACCOUNT_CLASS_CODE = 1

/** Every vendor API of one running sandbox, with the credentials it accepts. */
export interface SandboxVendors {
  /** e.g. http://localhost:4010 */
  origin: string
  authorizationApi: { baseUrl: string; clientId: string; clientSecret: string; partPaymentAccountClassCode: number }
  standalone: { baseUrl: string; siteCode: string; sitePassword: string }
  myPages: { baseUrl: string; clientId: string; clientSecret: string; payPageUrl: string }
  /** The checkout API (partner token, widget init) and the widget script; the Authorization API's credentials. */
  paymentWidget: { checkoutApiUrl: string; scriptUrl: string }
  /** The Test layout (`…/external/v1/test/`): a store trying the plugin is never "live". */
  avirato: { baseUrl: string; apiKey: string; webcode: string; clientSecrets: string[] }
}

type Env = Readonly<Record<string, string | undefined>>

export class SandboxSwitchError extends Error {
  constructor(message: string) {
    super(message)
    this.name = "SandboxSwitchError"
  }
}

/** The origin of a sandbox URL; throws naming the variable when it is not an absolute http(s) URL. */
export function sandboxOrigin(url: string): string {
  let parsed: URL | undefined
  try {
    parsed = new URL(url.trim())
  } catch {
    parsed = undefined
  }
  if (!parsed || (parsed.protocol !== "http:" && parsed.protocol !== "https:")) {
    throw new SandboxSwitchError(`${SANDBOX_URL_VARIABLE} must be the absolute http(s) URL of a running sandbox, e.g. http://localhost:4010 (received "${url}")`)
  }
  return parsed.origin
}

/** Base URLs and credentials of every vendor API of the sandbox at `url` (its origin is used). */
export function sandboxVendors(url: string): SandboxVendors {
  const origin = sandboxOrigin(url)
  const urls = sandboxUrls(origin)
  const avarda = DEFAULT_AVARDA_SETTINGS
  const avirato = DEFAULT_AVIRATO_SETTINGS
  return {
    origin,
    authorizationApi: {
      baseUrl: urls.avardaAuthorizationApi,
      clientId: avarda.clientId,
      clientSecret: avarda.clientSecret,
      partPaymentAccountClassCode: SANDBOX_PART_PAYMENT_ACCOUNT_CLASS_CODE,
    },
    standalone: { baseUrl: urls.avardaCheckout2, siteCode: avarda.siteCode, sitePassword: avarda.sitePassword },
    myPages: { baseUrl: urls.avardaMyPages, clientId: avarda.clientId, clientSecret: avarda.clientSecret, payPageUrl: `${origin}${PAY_PAGE_PATH}` },
    paymentWidget: { checkoutApiUrl: urls.avardaCheckoutApi, scriptUrl: urls.avardaPaymentWidgetScript },
    avirato: { baseUrl: urls.aviratoTest, apiKey: avirato.testApiKey, webcode: avirato.webcode, clientSecrets: [avirato.testClientSecret] },
  }
}

/**
 * The sandbox the switch points at, or undefined when `AVARDA_AVIRATO_SANDBOX_URL` is not set.
 * Throws when it is not a URL, and when NODE_ENV is production unless
 * `AVARDA_AVIRATO_SANDBOX_ALLOW_PRODUCTION=true` says so explicitly: a production store that
 * silently talked to a simulator would take orders nobody pays for.
 */
export function sandboxSwitch(env: Env = process.env): SandboxVendors | undefined {
  const url = env[SANDBOX_URL_VARIABLE]?.trim()
  if (!url) return undefined
  const vendors = sandboxVendors(url)
  if (env.NODE_ENV === "production" && env[SANDBOX_ALLOW_PRODUCTION_VARIABLE]?.trim() !== "true") {
    throw new SandboxSwitchError(
      `${SANDBOX_URL_VARIABLE} is set while NODE_ENV=production: every payment would go to the sandbox at ${vendors.origin}, not to Avarda or Avirato. ` +
        `Unset ${SANDBOX_URL_VARIABLE} to use the vendors, or set ${SANDBOX_ALLOW_PRODUCTION_VARIABLE}=true if this production build really is a trial against the sandbox.`
    )
  }
  return vendors
}

/**
 * The origin of a sandbox when `url` is the base URL of one of its Avarda APIs (the sandbox's route
 * layout, matched case-insensitively as the sandbox matches Avarda paths); undefined otherwise.
 */
export function sandboxOriginOfAvardaApi(url: string): string | undefined {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return undefined
  }
  const layout = sandboxVendors(parsed.origin)
  const apiPaths = [layout.authorizationApi.baseUrl, layout.standalone.baseUrl, layout.myPages.baseUrl, layout.paymentWidget.checkoutApiUrl].map((base) =>
    new URL(base).pathname.replace(/\/+$/, "").toLowerCase()
  )
  const path = parsed.pathname.replace(/\/+$/, "").toLowerCase()
  return apiPaths.includes(path) ? parsed.origin : undefined
}

/** The plugin's provider families, by the options they take. */
export type SandboxedProvider = "avarda" | "avarda-standalone" | "avirato"

const record = (value: unknown): Record<string, unknown> =>
  value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {}

const positiveInteger = (value: unknown): number | undefined => (typeof value === "number" && Number.isInteger(value) && value > 0 ? value : undefined)

/**
 * A provider's options as they are with the switch on: the vendor's base URL and credentials are
 * the sandbox's (whatever the options say, since vendor credentials mean nothing to the sandbox);
 * everything else — URLs of this store, products, terms, capture modes — stays as configured.
 */
export function sandboxProviderOptions(provider: SandboxedProvider, options: unknown, sandbox: SandboxVendors): Record<string, unknown> {
  const own = record(options)
  switch (provider) {
    case "avarda": {
      const api = sandbox.authorizationApi
      const partPayment = record(own.partPayment)
      return {
        ...own,
        environment: api.baseUrl,
        clientId: api.clientId,
        clientSecret: api.clientSecret,
        partPayment: { ...partPayment, accountClassCode: positiveInteger(partPayment.accountClassCode) ?? api.partPaymentAccountClassCode },
        paymentWidget: { ...record(own.paymentWidget), checkoutApiUrl: sandbox.paymentWidget.checkoutApiUrl, scriptUrl: sandbox.paymentWidget.scriptUrl },
      }
    }
    case "avarda-standalone": {
      const api = sandbox.standalone
      return { ...own, environment: "sandbox", baseUrl: api.baseUrl, siteCode: api.siteCode, sitePassword: api.sitePassword }
    }
    case "avirato": {
      const api = sandbox.avirato
      return { ...own, environment: "sandbox", baseUrl: api.baseUrl, apiKey: api.apiKey, webcode: api.webcode, clientSecrets: [...api.clientSecrets] }
    }
  }
}

/** The provider's options with the switch applied when it is on (`env` defaults to the process's). */
export function withSandboxSwitch(provider: SandboxedProvider, options: unknown, env: Env = process.env): unknown {
  const sandbox = sandboxSwitch(env)
  return sandbox ? sandboxProviderOptions(provider, options, sandbox) : options
}

/** The base URL a provider family talks to in the sandbox (what the admin settings page shows). */
export function sandboxBaseUrlOf(provider: SandboxedProvider, sandbox: SandboxVendors): string {
  return provider === "avarda" ? sandbox.authorizationApi.baseUrl : provider === "avarda-standalone" ? sandbox.standalone.baseUrl : sandbox.avirato.baseUrl
}
