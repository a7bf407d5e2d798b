/**
 * The forms an Avarda `environment` takes, the same for every Avarda API of the plugin (the
 * Authorization API providers, the Standalone Credit providers, the My Pages module): a name —
 * "sandbox" (this plugin's simulator), "test" (Avarda stage), "production" — or an absolute http(s)
 * base URL of that API. Also: which environment a base URL of any Avarda API belongs to, so a URL
 * given for one API (AVARDA_ENVIRONMENT is shared) can place another.
 */
import { z } from "zod"
import { isHttpUrl } from "../http/http-url"
import { sandboxOriginOfAvardaApi, sandboxVendors } from "../sandbox-switch"
import { AUTHORIZATION_API_BASE_URLS } from "./authorization-api/environments"
import { CHECKOUT_FORM_SCRIPT_URLS, MY_PAGES_BASE_URLS } from "./my-pages/environments"
import { PAYMENT_WIDGET_ENDPOINTS } from "./payment-widget/environments"
import { STANDALONE_BASE_URLS } from "./standalone/environments"

export const AVARDA_ENVIRONMENT_NAMES = ["sandbox", "test", "production"] as const
export type AvardaEnvironmentName = (typeof AVARDA_ENVIRONMENT_NAMES)[number]

export const AVARDA_ENVIRONMENT_RULE = `must be one of ${AVARDA_ENVIRONMENT_NAMES.join(", ")} or an absolute http(s) base URL`

export type AvardaEnvironment = { name: AvardaEnvironmentName } | { baseUrl: string }

/** A name or a base URL; undefined when the value is neither. */
export function parseAvardaEnvironment(value: string): AvardaEnvironment | undefined {
  if ((AVARDA_ENVIRONMENT_NAMES as readonly string[]).includes(value)) return { name: value as AvardaEnvironmentName }
  return isHttpUrl(value) ? { baseUrl: value } : undefined
}

/** The `environment` option of every Avarda provider and module: a name or a base URL. */
export const avardaEnvironmentOption = () =>
  z.string({ error: `is required: one of ${AVARDA_ENVIRONMENT_NAMES.join(", ")} or an absolute http(s) base URL` }).refine((value) => parseAvardaEnvironment(value) !== undefined, AVARDA_ENVIRONMENT_RULE)

const AVARDA_HOSTS: Record<"test" | "production", string[]> = {
  test: [AUTHORIZATION_API_BASE_URLS.test, STANDALONE_BASE_URLS.test, MY_PAGES_BASE_URLS.test, PAYMENT_WIDGET_ENDPOINTS.test.checkoutApiUrl],
  production: [AUTHORIZATION_API_BASE_URLS.production, STANDALONE_BASE_URLS.production, MY_PAGES_BASE_URLS.production, PAYMENT_WIDGET_ENDPOINTS.production.checkoutApiUrl],
}

const originOf = (url: string) => new URL(url).origin.toLowerCase()

/**
 * The environment a base URL of any Avarda API belongs to: one of Avarda's own stage or
 * production hosts, or one of a sandbox's Avarda API base URLs;
 * undefined for any other host (a proxy, say), which says nothing about the other APIs.
 */
export function environmentOfAvardaUrl(url: string): { name: "test" | "production" } | { name: "sandbox"; sandboxOrigin: string } | undefined {
  if (!isHttpUrl(url)) return undefined
  const origin = originOf(url)
  for (const name of ["test", "production"] as const) {
    if (AVARDA_HOSTS[name].some((host) => originOf(host) === origin)) return { name }
  }
  const sandboxOrigin = sandboxOriginOfAvardaApi(url)
  return sandboxOrigin ? { name: "sandbox", sandboxOrigin } : undefined
}

/** Where My Pages is, and which payment-form script goes with it (null: the sandbox's own payment page). */
export type MyPagesLocation =
  | { environment: AvardaEnvironmentName | "custom"; baseUrl: string; checkoutScriptUrl: string | null | undefined }
  | { problem: string }

/**
 * My Pages' location from its own `environment` (a name, or My Pages' base URL) or, when it has
 * none, from AVARDA_ENVIRONMENT (a name, or the Authorization API's base URL, which places My Pages
 * only when it is one of Avarda's hosts or a sandbox). An explicit `baseUrl` wins over both.
 * `sandboxUrl` is where the "sandbox" name points.
 */
export function myPagesLocation(input: { own?: string; inherited?: string; baseUrl?: string; sandboxUrl: string }): MyPagesLocation {
  const value = input.own ?? input.inherited ?? "sandbox"
  const source = input.own !== undefined ? "environment" : "AVARDA_ENVIRONMENT"
  const parsed = parseAvardaEnvironment(value)
  if (!parsed) return { problem: `${source} ${AVARDA_ENVIRONMENT_RULE}` }
  const named = (name: AvardaEnvironmentName, sandboxUrl = input.sandboxUrl) => ({
    environment: name,
    baseUrl: input.baseUrl ?? (name === "sandbox" ? sandboxVendors(sandboxUrl).myPages.baseUrl : MY_PAGES_BASE_URLS[name]),
    checkoutScriptUrl: name === "sandbox" ? null : CHECKOUT_FORM_SCRIPT_URLS[name],
  })
  if ("name" in parsed) return named(parsed.name)
  const known = environmentOfAvardaUrl(parsed.baseUrl)
  // A URL given for My Pages itself is its base URL; one inherited from the Authorization API only places it.
  const ownUrl = input.own !== undefined ? { baseUrl: input.baseUrl ?? parsed.baseUrl } : {}
  if (known?.name === "sandbox") return { ...named("sandbox", known.sandboxOrigin), ...ownUrl }
  if (known) return { ...named(known.name), ...ownUrl }
  if (input.own !== undefined || input.baseUrl) return { environment: "custom", baseUrl: input.baseUrl ?? parsed.baseUrl, checkoutScriptUrl: undefined }
  return {
    problem:
      "AVARDA_ENVIRONMENT is a base URL of the Authorization API on a host that is neither Avarda's nor a sandbox, so it does not say where My Pages is: " +
      "set AVARDA_MY_PAGES_BASE_URL (or the module's environment or baseUrl)",
  }
}
