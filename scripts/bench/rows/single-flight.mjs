// token-single-flight and widget-init: many concurrent requests through the app while its caches
// are cold (these rows run first, right after Medusa starts), counted in the sandbox's journal.
import journeyChecks from "../../demo/journey-checks.js"
import { AVARDA_PROVIDERS } from "../../demo/avarda-checkout.mjs"
import { swedishCart } from "../carts.mjs"

const { check } = journeyChecks
const BURST_TIMEOUT_MS = 10 * 60_000

/** { value: how many times it occurs } */
function tally(values) {
  const counts = {}
  for (const value of values) counts[value] = (counts[value] ?? 0) + 1
  return counts
}

/** Runs `fn` over `items` with at most `limit` at a time. */
export async function mapLimit(items, limit, fn) {
  const results = new Array(items.length)
  let next = 0
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const index = next++
        results[index] = await fn(items[index], index)
      }
    })
  )
  return results
}

/**
 * `concurrency` Avarda authorizations at once (POST /store/avarda/payment-sessions on as many
 * prepared carts) through a cold partner-token cache; `token_requests` is what the sandbox's token
 * endpoint received meanwhile (1 = single flight).
 */
export async function tokenSingleFlight({ store, seed, sandbox, testIdentities, concurrency }) {
  const carts = await mapLimit(Array.from({ length: concurrency }), 6, () => swedishCart(store, seed))
  const tokenCallsBefore = (await sandbox.journal("avarda.auth.token")).length
  await sandbox.clearJournal()
  const started = Date.now()
  const answers = await Promise.all(
    // A burst this wide can take minutes on a loaded machine: wait for every answer (not the client's usual 60 s).
    carts.map((cart) =>
      store
        .post("/store/avarda/payment-sessions", { cart_id: cart.cartId, provider_id: AVARDA_PROVIDERS.invoice, personal_id_number: testIdentities.SE.approved }, { timeoutMs: BURST_TIMEOUT_MS })
        .catch((error) => ({ status: 0, error }))
    )
  )
  const elapsedMs = Date.now() - started
  const tokenRequests = (await sandbox.journal("avarda.auth.token")).length
  const authorizations = (await sandbox.journal("avarda.authorization.create.*")).length
  const approved = answers.filter((answer) => answer.status === 200 && answer.data?.next_action?.type === "complete_cart")
  const statuses = tally(answers.map((answer) => (answer.status ? `${answer.status}${answer.data?.type ? ` ${answer.data.type}` : ""}` : `no answer (${answer.error?.message ?? "?"})`)))
  check(tokenCallsBefore === 0, `token-single-flight: the app fetched ${tokenCallsBefore} Authorization API token(s) before the burst: the cache was not cold`)
  return {
    name: "token-single-flight",
    baseline: "1 token request",
    ratio_p50: tokenRequests,
    ratio_p95: tokenRequests,
    ratio_p99: tokenRequests,
    n: concurrency,
    token_requests: tokenRequests,
    authorizations_sent: authorizations,
    sessions_approved: approved.length,
    answers: statuses,
    burst_ms: elapsedMs,
    authorizationId: approved[0]?.data?.payment_session?.data?.authorization_id,
    figures: `${tokenRequests} token request(s) for ${concurrency} concurrent authorizations (${approved.length} approved, ${elapsedMs} ms; answers ${JSON.stringify(statuses)})`,
  }
}

/** `concurrency` page views of GET /store/avarda/payment-widget at once; `init_calls` reached the vendor. */
export async function widgetInit({ store, sandbox, concurrency }) {
  await sandbox.clearJournal()
  const answers = await Promise.all(
    Array.from({ length: concurrency }, () => store.get("/store/avarda/payment-widget", { timeoutMs: BURST_TIMEOUT_MS }).catch((error) => ({ status: 0, error })))
  )
  const initCalls = (await sandbox.journal("avarda.paymentwidget.init")).length
  const ok = answers.filter((answer) => answer.status === 200 && answer.data?.widget_jwt).length
  const statuses = tally(answers.map((answer) => String(answer.status || "no answer")))
  return {
    name: "widget-init",
    baseline: "1 init call",
    ratio_p50: initCalls,
    ratio_p95: initCalls,
    ratio_p99: initCalls,
    n: concurrency,
    init_calls: initCalls,
    page_views_served: ok,
    answers: statuses,
    figures: `${initCalls} init call(s) for ${concurrency} concurrent page views (${ok} served)`,
  }
}
