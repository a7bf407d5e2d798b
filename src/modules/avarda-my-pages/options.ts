/**
 * Options of the My Pages module. Each one may come from the module's options (or the plugin's,
 * under `myPages`), else from the environment, else a default that talks to the bundled sandbox.
 * Credentials and the customer-token secret have no default outside the sandbox.
 */
import { z } from "zod"
import { isHttpUrl } from "../../lib/http/http-url"
import { CHECKOUT_FORM_SCRIPT_URLS, MY_PAGES_BASE_URLS, MY_PAGES_ENVIRONMENTS, type MyPagesEnvironment } from "../../lib/avarda/my-pages/environments"
import { checkoutLanguageOf } from "../../lib/avarda/my-pages/checkout-language"

export interface AvardaMyPagesModuleOptions {
  /** "sandbox" (default), "test" (Avarda stage) or "production". Env AVARDA_MY_PAGES_ENVIRONMENT, then AVARDA_ENVIRONMENT. */
  environment?: MyPagesEnvironment
  /** Overrides the environment's base URL. Env AVARDA_MY_PAGES_BASE_URL; sandbox: `${SANDBOX_URL}/avarda/mypages`. */
  baseUrl?: string
  /** Env AVARDA_MY_PAGES_CLIENT_ID, then AVARDA_CLIENT_ID (spec U3: often the same pair). */
  clientId?: string
  /** Env AVARDA_MY_PAGES_CLIENT_SECRET, then AVARDA_CLIENT_SECRET. Never sent to browsers or logs. */
  clientSecret?: string
  /** HMAC key of the per-customer `customerAuthToken`. Env AVARDA_MY_PAGES_CUSTOMER_TOKEN_SECRET. At least 32 characters. */
  customerTokenSecret?: string
  /** Public storefront origin (return URLs must be on it). Env STOREFRONT_URL; default http://localhost:8000. */
  storefrontUrl?: string
  /** Storefront page showing My Pages; Avarda sends shoppers back there. Env AVARDA_MY_PAGES_STOREFRONT_PATH; default /account/invoices. */
  storefrontPath?: string
  /** Checkout 3.0 form script for the pay flow; default by environment (none in the sandbox, which serves a payment page). */
  checkoutScriptUrl?: string
  /** Language of the payment form when the storefront sends none (a locale such as "sv-SE"). Default "en". */
  defaultLanguage?: string
  /** Per call to Avarda, in ms. Env AVARDA_MY_PAGES_TIMEOUT_MS; default 15000. */
  timeoutMs?: number
  /**
   * Days a proof of identity (electronic ID during a purchase, My Pages strong authentication) links
   * a customer to an Avarda person; then the customer proves it again. Env
   * AVARDA_MY_PAGES_IDENTITY_LINK_DAYS; default 90.
   */
  identityLinkDays?: number
}

export interface ResolvedMyPagesOptions {
  environment: MyPagesEnvironment
  baseUrl: string
  clientId: string
  clientSecret: string
  customerTokenSecret: string
  storefrontUrl: string
  storefrontPath: string
  checkoutScriptUrl: string | null
  /** Sandbox only: the simulated payment form page. */
  sandboxPayPageUrl: string | null
  defaultLanguage: number
  timeoutMs: number
  identityLinkDays: number
  /** True when a development-only default secret is in use (logged as a warning). */
  usesSandboxDefaults: boolean
}

const SANDBOX_CLIENT_ID = "sandbox-avarda-client-id"
const SANDBOX_CLIENT_SECRET = "sandbox-avarda-client-secret"
const SANDBOX_CUSTOMER_TOKEN_SECRET = "sandbox-only-my-pages-customer-token-secret"

const httpUrl = (what: string) => z.string().refine(isHttpUrl, `must be ${what} (an absolute http(s) URL)`)

export const myPagesOptionsSchema = z.object({
  environment: z.enum(MY_PAGES_ENVIRONMENTS as [MyPagesEnvironment, ...MyPagesEnvironment[]], {
    error: `must be one of ${MY_PAGES_ENVIRONMENTS.join(", ")}`,
  }),
  baseUrl: httpUrl("the My Pages API base URL"),
  clientId: z.string({ error: "is required (from Avarda onboarding)" }).min(1, "is required (from Avarda onboarding)"),
  clientSecret: z.string({ error: "is required (from Avarda onboarding)" }).min(1, "is required (from Avarda onboarding)"),
  customerTokenSecret: z
    .string({ error: "is required: a random server-side secret of at least 32 characters" })
    .min(32, "must be at least 32 characters"),
  storefrontUrl: httpUrl("the storefront's public URL"),
  storefrontPath: z.string().startsWith("/", "must start with /"),
  checkoutScriptUrl: httpUrl("the Checkout 3.0 form script URL").nullable(),
  defaultLanguage: z.string().refine((value) => checkoutLanguageOf(value) !== undefined, "must be a locale Avarda's form offers, e.g. en, sv, fi, nb, da"),
  timeoutMs: z.number().int().min(500).max(120_000),
  identityLinkDays: z.number({ error: "must be a whole number of days" }).int("must be a whole number of days").min(1).max(3650),
})

export class MyPagesOptionsError extends Error {
  constructor(issues: string[]) {
    super(`Invalid Avarda My Pages options: ${issues.join("; ")}`)
    this.name = "MyPagesOptionsError"
  }
}

/** The module's own options: plugin-level options carry them under `myPages`. */
function ownOptions(options: unknown): AvardaMyPagesModuleOptions {
  if (!options || typeof options !== "object") return {}
  const nested = (options as { myPages?: unknown }).myPages
  return (nested && typeof nested === "object" ? nested : options) as AvardaMyPagesModuleOptions
}

export function resolveMyPagesOptions(options: unknown, env: NodeJS.ProcessEnv = process.env): ResolvedMyPagesOptions {
  const own = ownOptions(options)
  const pick = <T>(value: T | undefined, ...envNames: string[]): T | string | undefined =>
    value ?? envNames.map((name) => env[name]).find((candidate) => candidate !== undefined && candidate !== "")

  const environment = (pick(own.environment, "AVARDA_MY_PAGES_ENVIRONMENT", "AVARDA_ENVIRONMENT") ?? "sandbox") as MyPagesEnvironment
  const sandbox = environment === "sandbox"
  const sandboxOrigin = (env.SANDBOX_URL || "http://localhost:4010").replace(/\/+$/, "")
  const defaultBaseUrl = sandbox ? `${sandboxOrigin}/avarda/mypages` : MY_PAGES_BASE_URLS[environment]
  const clientId = pick(own.clientId, "AVARDA_MY_PAGES_CLIENT_ID", "AVARDA_CLIENT_ID") ?? (sandbox ? SANDBOX_CLIENT_ID : undefined)
  const clientSecret = pick(own.clientSecret, "AVARDA_MY_PAGES_CLIENT_SECRET", "AVARDA_CLIENT_SECRET") ?? (sandbox ? SANDBOX_CLIENT_SECRET : undefined)
  const configuredSecret = pick(own.customerTokenSecret, "AVARDA_MY_PAGES_CUSTOMER_TOKEN_SECRET")
  const timeout = pick(own.timeoutMs, "AVARDA_MY_PAGES_TIMEOUT_MS")
  const linkDays = pick(own.identityLinkDays, "AVARDA_MY_PAGES_IDENTITY_LINK_DAYS")

  const candidate = {
    environment,
    baseUrl: pick(own.baseUrl, "AVARDA_MY_PAGES_BASE_URL") ?? defaultBaseUrl,
    clientId,
    clientSecret,
    customerTokenSecret: configuredSecret ?? (sandbox ? SANDBOX_CUSTOMER_TOKEN_SECRET : undefined),
    storefrontUrl: pick(own.storefrontUrl, "STOREFRONT_URL") ?? "http://localhost:8000",
    storefrontPath: pick(own.storefrontPath, "AVARDA_MY_PAGES_STOREFRONT_PATH") ?? "/account/invoices",
    checkoutScriptUrl: own.checkoutScriptUrl ?? (sandbox ? null : CHECKOUT_FORM_SCRIPT_URLS[environment as "test" | "production"] ?? null),
    defaultLanguage: own.defaultLanguage ?? "en",
    timeoutMs: timeout === undefined ? 15_000 : Number(timeout),
    identityLinkDays: linkDays === undefined ? 90 : Number(linkDays),
  }
  const parsed = myPagesOptionsSchema.safeParse(candidate)
  if (!parsed.success) {
    throw new MyPagesOptionsError(parsed.error.issues.map((issue) => `${issue.path.join(".") || "(options)"} ${issue.message}`))
  }
  const resolved = parsed.data
  return {
    ...resolved,
    baseUrl: resolved.baseUrl.replace(/\/+$/, ""),
    storefrontUrl: resolved.storefrontUrl.replace(/\/+$/, ""),
    sandboxPayPageUrl: sandbox ? `${new URL(resolved.baseUrl).origin}/avarda/pages/mypages-pay` : null,
    defaultLanguage: checkoutLanguageOf(resolved.defaultLanguage)!,
    usesSandboxDefaults: sandbox && configuredSecret === undefined,
  }
}
