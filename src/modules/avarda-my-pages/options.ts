/**
 * Options of the My Pages module. Each one may come from the module's options (or the plugin's,
 * under `myPages`), else from the environment, else a default that talks to the bundled sandbox.
 * Credentials and the customer-token secret have no default outside the sandbox.
 */
import { z } from "zod"
import { isHttpUrl } from "../../lib/http/http-url"
import { avardaEnvironmentOption, myPagesLocation, parseAvardaEnvironment, type MyPagesLocation } from "../../lib/avarda/environment"
import type { MyPagesEnvironment } from "../../lib/avarda/my-pages/environments"
import { checkoutLanguageOf } from "../../lib/avarda/my-pages/checkout-language"
import { sandboxSwitch, sandboxVendors } from "../../lib/sandbox-switch"

export interface AvardaMyPagesModuleOptions {
  /**
   * "sandbox" (default), "test" (Avarda stage), "production", or My Pages' base URL — the same forms
   * as the Avarda provider's `environment`. Env AVARDA_MY_PAGES_ENVIRONMENT, then AVARDA_ENVIRONMENT
   * (whose URL, the Authorization API's, places My Pages when it is Avarda's host or a sandbox).
   */
  environment?: MyPagesEnvironment | (string & {})
  /** Overrides the environment's base URL. Env AVARDA_MY_PAGES_BASE_URL; sandbox: `${SANDBOX_URL}/avarda/mypages`. */
  baseUrl?: string
  /** Env AVARDA_MY_PAGES_CLIENT_ID, then AVARDA_CLIENT_ID (assumption U3: often the same pair). */
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
  /** "custom": a base URL on neither Avarda's hosts nor a sandbox. */
  environment: MyPagesEnvironment | "custom"
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

/** Signs customer tokens when no secret is configured, in the sandbox only (a warning is logged). */
const SANDBOX_CUSTOMER_TOKEN_SECRET = "sandbox-only-my-pages-customer-token-secret"

/** Where the "sandbox" environment is when the sandbox switch is off (the plugin's own dev app sets SANDBOX_URL). */
const DEFAULT_SANDBOX_URL = "http://localhost:4010"

const httpUrl = (what: string) => z.string().refine(isHttpUrl, `must be ${what} (an absolute http(s) URL)`)

export const myPagesOptionsSchema = z.object({
  environment: avardaEnvironmentOption(),
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

/**
 * The module's options, resolved. With the sandbox switch on (AVARDA_AVIRATO_SANDBOX_URL) the
 * endpoint and credentials are the switch's sandbox, whatever the options and variables say.
 */
export function resolveMyPagesOptions(options: unknown, env: NodeJS.ProcessEnv = process.env): ResolvedMyPagesOptions {
  const own = ownOptions(options)
  const pick = <T>(value: T | undefined, ...envNames: string[]): T | string | undefined =>
    value ?? envNames.map((name) => env[name]).find((candidate) => candidate !== undefined && candidate !== "")

  const switched = sandboxSwitch(env)
  const ownEnvironment = pick(own.environment, "AVARDA_MY_PAGES_ENVIRONMENT")
  const inheritedEnvironment = pick(undefined, "AVARDA_ENVIRONMENT")
  const location: MyPagesLocation = switched
    ? { environment: "sandbox", baseUrl: switched.myPages.baseUrl, checkoutScriptUrl: null }
    : myPagesLocation({
        own: ownEnvironment,
        inherited: inheritedEnvironment,
        baseUrl: pick(own.baseUrl, "AVARDA_MY_PAGES_BASE_URL"),
        sandboxUrl: env.SANDBOX_URL || DEFAULT_SANDBOX_URL,
      })
  const placed = "problem" in location ? undefined : location
  const sandbox = placed?.environment === "sandbox"
  // The sandbox's credentials are the same at every origin.
  const sandboxApi = (switched ?? sandboxVendors(DEFAULT_SANDBOX_URL)).myPages
  const clientId = switched ? sandboxApi.clientId : (pick(own.clientId, "AVARDA_MY_PAGES_CLIENT_ID", "AVARDA_CLIENT_ID") ?? (sandbox ? sandboxApi.clientId : undefined))
  const clientSecret = switched
    ? sandboxApi.clientSecret
    : (pick(own.clientSecret, "AVARDA_MY_PAGES_CLIENT_SECRET", "AVARDA_CLIENT_SECRET") ?? (sandbox ? sandboxApi.clientSecret : undefined))
  const configuredSecret = pick(own.customerTokenSecret, "AVARDA_MY_PAGES_CUSTOMER_TOKEN_SECRET")
  const timeout = pick(own.timeoutMs, "AVARDA_MY_PAGES_TIMEOUT_MS")
  const linkDays = pick(own.identityLinkDays, "AVARDA_MY_PAGES_IDENTITY_LINK_DAYS")

  const checkoutScriptUrl = switched ? null : (own.checkoutScriptUrl ?? placed?.checkoutScriptUrl)
  const candidate = {
    environment: switched ? "sandbox" : (ownEnvironment ?? inheritedEnvironment ?? "sandbox"),
    baseUrl: placed?.baseUrl,
    clientId,
    clientSecret,
    customerTokenSecret: configuredSecret ?? (sandbox ? SANDBOX_CUSTOMER_TOKEN_SECRET : undefined),
    storefrontUrl: pick(own.storefrontUrl, "STOREFRONT_URL") ?? "http://localhost:8000",
    storefrontPath: pick(own.storefrontPath, "AVARDA_MY_PAGES_STOREFRONT_PATH") ?? "/account/invoices",
    checkoutScriptUrl: checkoutScriptUrl ?? null,
    defaultLanguage: own.defaultLanguage ?? "en",
    timeoutMs: timeout === undefined ? 15_000 : Number(timeout),
    identityLinkDays: linkDays === undefined ? 90 : Number(linkDays),
  }
  const parsed = myPagesOptionsSchema.safeParse(candidate)
  const issues = parsed.success ? [] : parsed.error.issues.filter((issue) => placed || issue.path[0] !== "baseUrl").map((issue) => `${issue.path.join(".") || "(options)"} ${issue.message}`)
  // An environment that is a name or a URL but does not place My Pages (the schema accepts its form).
  if ("problem" in location && parseAvardaEnvironment(candidate.environment)) issues.push(location.problem)
  if (placed && checkoutScriptUrl === undefined) issues.push("checkoutScriptUrl is required when My Pages is neither on Avarda's hosts nor a sandbox")
  if (!parsed.success || issues.length) throw new MyPagesOptionsError(issues)
  const resolved = parsed.data
  return {
    ...resolved,
    environment: placed!.environment,
    baseUrl: resolved.baseUrl.replace(/\/+$/, ""),
    storefrontUrl: resolved.storefrontUrl.replace(/\/+$/, ""),
    // The sandbox serves its payment page on the origin of its My Pages API.
    sandboxPayPageUrl: sandbox ? sandboxVendors(resolved.baseUrl).myPages.payPageUrl : null,
    defaultLanguage: checkoutLanguageOf(resolved.defaultLanguage)!,
    usesSandboxDefaults: sandbox && configuredSecret === undefined,
  }
}
