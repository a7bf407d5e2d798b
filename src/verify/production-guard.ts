/**
 * Nothing the go-live check does may move real money. Every base URL is classified; a production URL
 * (or one the command cannot place) is refused unless the operator passes `--production-read-only`,
 * and in read-only mode the transport itself refuses every request that is not a token or read call.
 */
import { AUTHORIZATION_API_BASE_URLS } from "../lib/avarda/authorization-api/environments"
import { MY_PAGES_BASE_URLS } from "../lib/avarda/my-pages/environments"
import { STANDALONE_BASE_URLS } from "../lib/avarda/standalone/environments"
import { AVIRATO_TEST_BASE_URL } from "../lib/avirato/environment"

export type BaseUrlKind = "sandbox" | "test" | "production"

const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "::1", "[::1]"])

/** Stage / test base URLs the vendors document (compared without case and trailing slashes). */
const KNOWN_TEST_URLS = [
  AUTHORIZATION_API_BASE_URLS.test,
  STANDALONE_BASE_URLS.test,
  MY_PAGES_BASE_URLS.test,
  AVIRATO_TEST_BASE_URL,
  "https://stage.checkout-api.avarda.com",
]

const comparable = (url: string) => url.trim().replace(/\/+$/, "").toLowerCase()

/**
 * Where a base URL points: the sandbox (the sandbox origin, or this machine), a vendor's test
 * environment (a documented stage/test URL), or — for anything else, including URLs this command does
 * not know — production.
 */
export function classifyBaseUrl(baseUrl: string, sandboxOrigin?: string): BaseUrlKind {
  let url: URL
  try {
    url = new URL(baseUrl)
  } catch {
    return "production"
  }
  if (sandboxOrigin && url.origin === new URL(sandboxOrigin).origin) return "sandbox"
  if (LOCAL_HOSTS.has(url.hostname)) return "sandbox"
  if (KNOWN_TEST_URLS.some((known) => comparable(known) === comparable(baseUrl))) return "test"
  // Avarda's Standalone Credit path is spelled both `checkout2` and `CheckOut2`.
  if (url.hostname === "stage.avarda.org") return "test"
  return "production"
}

export class ProductionRefusedError extends Error {
  constructor(readonly urls: readonly string[]) {
    super(
      `Refusing to run against production base URLs (${urls.join(", ")}): the contract suite creates test ` +
        `authorizations and payments. Point the environment at the vendors' stage/test environments, or pass ` +
        `--production-read-only to call only token and read endpoints.`
    )
    this.name = "ProductionRefusedError"
  }
}

/**
 * Decides the run mode from the base URLs in use. Production URLs without `productionReadOnly`
 * throw; with it (or whenever the operator asks for it) the run is read-only.
 */
export function guardBaseUrls(
  baseUrls: readonly string[],
  options: { productionReadOnly: boolean; sandboxOrigin?: string }
): { readOnly: boolean; productionUrls: string[] } {
  const productionUrls = baseUrls.filter((url) => classifyBaseUrl(url, options.sandboxOrigin) === "production")
  if (productionUrls.length > 0 && !options.productionReadOnly) throw new ProductionRefusedError(productionUrls)
  return { readOnly: options.productionReadOnly, productionUrls }
}

/** Requests a read-only run may send: tokens and reads, nothing that creates or changes anything. */
const READ_ONLY_REQUESTS: ReadonlyArray<{ method: string; path: RegExp }> = [
  { method: "POST", path: /\/oauth2\/token$/i }, // Authorization API token
  { method: "GET", path: /\/authorization\/[^/]+$/i }, // Authorization API status
  { method: "POST", path: /\/auth\/token$/i }, // My Pages partner token
  { method: "POST", path: /\/api\/partner\/tokens$/i }, // Checkout 3.0 partner token (payment widget)
  { method: "GET", path: /\/(accounts|invoices)(\/[^/]+)?$/i }, // My Pages reads
  { method: "POST", path: /\/checkout2api\/getpaymentstatus$/i }, // Standalone Credit status
  { method: "GET", path: /\/payment\/session\/[^/]+$/i }, // Avirato session
  { method: "GET", path: /\/api\/paymentwidget\/partner\/init$/i }, // payment-widget token
]

export class ReadOnlyViolationError extends Error {
  constructor(method: string, path: string) {
    super(`--production-read-only: refused to send ${method} ${path} (only token and read endpoints are called)`)
    this.name = "ReadOnlyViolationError"
  }
}

export function isReadOnlyRequest(method: string, pathWithQuery: string): boolean {
  const path = pathWithQuery.split("?")[0]
  return READ_ONLY_REQUESTS.some((allowed) => allowed.method === method.toUpperCase() && allowed.path.test(path))
}
