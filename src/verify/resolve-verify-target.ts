/**
 * Where the go-live check points, and with which credentials: read from the same environment
 * variables a store owner's medusa-config.ts passes to the providers (README "Install"), or — with
 * AVARDA_AVIRATO_SANDBOX_URL set — every vendor API of the sandbox at that URL with the sandbox's
 * credentials, mapped exactly as the plugin's sandbox switch maps them (lib/sandbox-switch.ts).
 * Pure: it reads only the environment object it is given.
 */
import { authorizationApiBaseUrl } from "../lib/avarda/authorization-api/environments"
import { myPagesLocation, parseAvardaEnvironment } from "../lib/avarda/environment"
import { standaloneBaseUrl } from "../lib/avarda/standalone/environments"
import { defaultBaseUrl, normalizeBaseUrl, type AviratoEnvironment } from "../lib/avirato/environment"
import { SANDBOX_URL_VARIABLE, sandboxVendors } from "../lib/sandbox-switch"

/** An API the check can talk to, or the reason it cannot. */
export type Configured<T> = ({ configured: true; baseUrl: string } & T) | { configured: false; reason: string }

export interface VerifyTarget {
  /** "sandbox" when AVARDA_AVIRATO_SANDBOX_URL is set; "vendors" otherwise. */
  kind: "sandbox" | "vendors"
  /** The sandbox origin (kind "sandbox"). */
  sandboxOrigin?: string
  authorizationApi: Configured<{ clientId: string; clientSecret: string; partPaymentAccountClassCode?: number }>
  standalone: Configured<{ siteCode: string; sitePassword: string }>
  myPages: Configured<{ clientId: string; clientSecret: string }>
  /** Avarda's checkout API: the partner token (`api/partner/tokens`) and the payment-widget init endpoint. */
  paymentWidget: Configured<Record<never, never>>
  avirato: Configured<{ apiKey: string; webcode: string; clientSecrets: string[] }>
}

type Env = Readonly<Record<string, string | undefined>>

const first = (env: Env, ...names: string[]) => names.map((name) => env[name]?.trim()).find((value) => !!value)
const missing = (...names: string[]) => ({ configured: false as const, reason: `set ${names.join(" and ")}` })

const PAYMENT_WIDGET_HOSTS: Record<"test" | "production", string> = {
  test: "https://stage.checkout-api.avarda.com",
  production: "https://checkout-api.avarda.com",
}

export function resolveVerifyTarget(env: Env): VerifyTarget {
  const sandbox = first(env, SANDBOX_URL_VARIABLE)
  return sandbox ? sandboxTarget(sandbox) : vendorTarget(env)
}

/** The sandbox switch's mapping (the same one the plugin's providers use), as the check's target. */
function sandboxTarget(url: string): VerifyTarget {
  const sandbox = sandboxVendors(url)
  return {
    kind: "sandbox",
    sandboxOrigin: sandbox.origin,
    authorizationApi: { configured: true, ...sandbox.authorizationApi },
    standalone: { configured: true, ...sandbox.standalone },
    myPages: { configured: true, baseUrl: sandbox.myPages.baseUrl, clientId: sandbox.myPages.clientId, clientSecret: sandbox.myPages.clientSecret },
    paymentWidget: { configured: true, baseUrl: sandbox.paymentWidget.checkoutApiUrl },
    avirato: { configured: true, ...sandbox.avirato },
  }
}

function vendorTarget(env: Env): VerifyTarget {
  // "test" (Avarda stage) unless the store is configured otherwise, as in the README's medusa-config.ts.
  const avardaEnvironment = first(env, "AVARDA_ENVIRONMENT") ?? "test"
  const parsedAvardaEnvironment = parseAvardaEnvironment(avardaEnvironment)
  const namedAvardaEnvironment = parsedAvardaEnvironment && "name" in parsedAvardaEnvironment ? parsedAvardaEnvironment.name : undefined
  const clientId = first(env, "AVARDA_CLIENT_ID")
  const clientSecret = first(env, "AVARDA_CLIENT_SECRET")
  const accountClass = first(env, "AVARDA_PART_PAYMENT_ACCOUNT_CLASS", "AVARDA_PART_PAYMENT_ACCOUNT_CLASS_CODE")

  const standaloneEnvironment = first(env, "AVARDA_STANDALONE_BASE_URL", "AVARDA_STANDALONE_ENVIRONMENT") ?? avardaEnvironment
  const siteCode = first(env, "AVARDA_SITE_CODE", "AVARDA_STANDALONE_SITE_CODE")
  const sitePassword = first(env, "AVARDA_SITE_PASSWORD", "AVARDA_STANDALONE_SITE_PASSWORD")

  // Where My Pages is: the same rules as the My Pages module's.
  const myPagesPlace = myPagesLocation({
    own: first(env, "AVARDA_MY_PAGES_ENVIRONMENT"),
    inherited: avardaEnvironment,
    baseUrl: first(env, "AVARDA_MY_PAGES_BASE_URL"),
    sandboxUrl: "http://localhost:4010",
  })
  const myPagesClientId = first(env, "AVARDA_MY_PAGES_CLIENT_ID", "AVARDA_CLIENT_ID")
  const myPagesClientSecret = first(env, "AVARDA_MY_PAGES_CLIENT_SECRET", "AVARDA_CLIENT_SECRET")

  const widgetBaseUrl =
    first(env, "AVARDA_PAYMENT_WIDGET_BASE_URL") ??
    (namedAvardaEnvironment === "test" || namedAvardaEnvironment === "production" ? PAYMENT_WIDGET_HOSTS[namedAvardaEnvironment] : undefined)

  const aviratoEnvironment = (first(env, "AVIRATO_ENVIRONMENT") ?? "test") as AviratoEnvironment
  const aviratoBaseUrl = first(env, "AVIRATO_BASE_URL") ?? (["sandbox", "test", "live"].includes(aviratoEnvironment) ? defaultBaseUrl(aviratoEnvironment) : undefined)
  const apiKey = first(env, "AVIRATO_API_KEY")
  const webcode = first(env, "AVIRATO_WEBCODE")
  const clientSecrets = (first(env, "AVIRATO_CLIENT_SECRETS") ?? "")
    .split(",")
    .map((secret) => secret.trim())
    .filter(Boolean)

  return {
    kind: "vendors",
    authorizationApi:
      clientId && clientSecret
        ? {
            configured: true,
            baseUrl: authorizationApiBaseUrl(avardaEnvironment),
            clientId,
            clientSecret,
            ...(accountClass && Number.isInteger(Number(accountClass)) ? { partPaymentAccountClassCode: Number(accountClass) } : {}),
          }
        : missing("AVARDA_CLIENT_ID", "AVARDA_CLIENT_SECRET"),
    standalone:
      siteCode && sitePassword
        ? { configured: true, baseUrl: standaloneBaseUrl(standaloneEnvironment), siteCode, sitePassword }
        : missing("AVARDA_SITE_CODE", "AVARDA_SITE_PASSWORD"),
    myPages: !myPagesClientId || !myPagesClientSecret
      ? missing("AVARDA_CLIENT_ID", "AVARDA_CLIENT_SECRET (or AVARDA_MY_PAGES_CLIENT_ID / _SECRET)")
      : "problem" in myPagesPlace
        ? { configured: false, reason: myPagesPlace.problem }
        : { configured: true, baseUrl: myPagesPlace.baseUrl.replace(/\/+$/, ""), clientId: myPagesClientId, clientSecret: myPagesClientSecret },
    paymentWidget: widgetBaseUrl ? { configured: true, baseUrl: widgetBaseUrl.replace(/\/+$/, "") } : missing("AVARDA_PAYMENT_WIDGET_BASE_URL"),
    avirato:
      !apiKey || !webcode || clientSecrets.length === 0
        ? missing("AVIRATO_API_KEY", "AVIRATO_WEBCODE", "AVIRATO_CLIENT_SECRETS")
        : aviratoBaseUrl
          ? { configured: true, baseUrl: normalizeBaseUrl(aviratoBaseUrl), apiKey, webcode, clientSecrets }
          : missing("AVIRATO_ENVIRONMENT=test (or AVIRATO_BASE_URL)"),
  }
}

/** Every base URL the run may call, for the production guard. */
export function baseUrlsOf(target: VerifyTarget): string[] {
  return [target.authorizationApi, target.standalone, target.myPages, target.paymentWidget, target.avirato].flatMap((api) =>
    api.configured ? [api.baseUrl] : []
  )
}
