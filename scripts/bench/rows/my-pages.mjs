// my-pages-list and my-pages-detail: the customer's My Pages routes with 100 ms of latency on every
// My Pages call at the sandbox (a real vendor is remote), against ONE upstream call with the same
// latency (GET /Accounts through the plugin's My Pages client, whose own cost is well under 1 ms
// next to the latency — see the client rows). Medusa's own GET /store/customers/me is timed in the
// same rounds and reported beside them: what the cheapest authenticated customer route costs here.
//
// The demo customer places an approved Avarda order first (its purchase id ties the customer to
// an Avarda person), and the sandbox gets earlier purchases of that person, so there are invoices
// and accounts to list. A purchase without electronic ID proves nothing about who the customer is,
// so the customer then proves it with My Pages strong authentication (the sandbox's "Identify"
// page; Avarda offers it because the person has a loan) — the measured routes are those of a
// customer with a proven identity, the case that shows everything.
import journeyChecks from "../../demo/journey-checks.js"
import { placeApprovedAvardaOrder } from "../../demo/avarda-checkout.mjs"
import benchStats from "../stats.js"
import { pluginModule } from "./vendor-clients.mjs"

const { interleave, ratioOf, summary, timed } = benchStats

const { check, checkStatus } = journeyChecks
export const MY_PAGES_LATENCY_MS = 100

const EARLIER_PURCHASES = (identificationNumber) => ({
  identificationNumber,
  market: "SE",
  purchaseIds: [`bench-earlier-${Date.now()}`],
  accounts: [
    { type: "Invoice", amount: 899, paid: 899, dueInDays: -45, description: "Rain jacket", orderReference: "BENCH-1" },
    { type: "Invoice", amount: 349, dueInDays: -3, description: "Wool hat", orderReference: "BENCH-2" },
    { type: "Loan", amount: 9600, months: 24, dueInDays: 18, description: "Bicycle", orderReference: "BENCH-3" },
  ],
})

export async function myPagesRows({ loginCustomer, seed, sandbox, sandboxOrigin, testIdentities, rounds }) {
  const customer = await loginCustomer()
  const { session } = await placeApprovedAvardaOrder(customer, seed, testIdentities.SE.approved, { email: seed.customer.email })
  const purchaseId = session?.data?.authorization_id
  check(purchaseId, "my-pages: the customer's Avarda order has no authorization id")
  await sandbox.seed(EARLIER_PURCHASES(testIdentities.SE.approved))

  const { MyPagesClient } = pluginModule("src/lib/avarda/my-pages/client.ts")
  const upstream = new MyPagesClient({ baseUrl: `${sandboxOrigin}/avarda/mypages`, clientId: "sandbox-avarda-client-id", clientSecret: "sandbox-avarda-client-secret" })
  const shopper = { customerAuthToken: "bench-shopper", customerAuthenticationReturnUrl: "http://localhost:8000/account/invoices" }
  try {
    let list = checkStatus(await customer.get("/store/customers/me/avarda/accounts"), 200, "My Pages list")
    if (!list.identity?.verified) {
      const started = checkStatus(await customer.post("/store/customers/me/avarda/strong-authentication", {}), 202, "start strong authentication")
      const redirectUrl = started.strong_authentication?.redirect_url
      check(redirectUrl, "my-pages: no strong-authentication redirect URL")
      const identified = await customer.request("POST", redirectUrl, { form: { action: "identify" } })
      check(identified.status === 302, `my-pages: Avarda's identification page answered ${identified.status}`)
      list = checkStatus(await customer.get("/store/customers/me/avarda/accounts"), 200, "My Pages list after identifying")
      check(list.identity?.verified, `my-pages: expected a proven identity, got ${JSON.stringify(list.identity)}`)
    }
    const accountId = list.accounts?.find((account) => account.id)?.id
    check(accountId, `my-pages: the list shows no account to open (${JSON.stringify(list).slice(0, 300)})`)
    // Warm-up: partner tokens fetched, connections open — before the latency is injected.
    checkStatus(await customer.get(`/store/customers/me/avarda/accounts/${accountId}`), [200, 202], "My Pages detail")
    await upstream.listAccounts(purchaseId, shopper)

    await sandbox.addLatency("avarda.mypages.*", MY_PAGES_LATENCY_MS)
    const routeMs = (path) => async () => {
      const { ms, result } = await timed(() => customer.get(path))
      return [200, 202].includes(result.status) ? ms : undefined
    }
    const samples = await interleave(
      {
        list: routeMs("/store/customers/me/avarda/accounts"),
        detail: routeMs(`/store/customers/me/avarda/accounts/${accountId}`),
        upstream: async () => (await timed(() => upstream.listAccounts(purchaseId, shopper))).ms,
        medusa: routeMs("/store/customers/me"),
      },
      rounds
    )
    // How many upstream calls one request of each route makes (journal, one request at a time).
    const callsPer = async (path) => {
      await sandbox.clearJournal()
      await customer.get(path)
      return (await sandbox.journal("avarda.mypages.*")).length
    }
    const listCalls = await callsPer("/store/customers/me/avarda/accounts")
    const detailCalls = await callsPer(`/store/customers/me/avarda/accounts/${accountId}`)
    check(samples.list.length && samples.detail.length, "my-pages: the routes never answered 200/202")
    const medusaSummary = summary(samples.medusa)
    const medusa = { p50: Number(medusaSummary.p50.toFixed(2)), p95: Number(medusaSummary.p95.toFixed(2)), p99: Number(medusaSummary.p99.toFixed(2)) }
    const row = (name, measured, calls) => {
      const ratio = ratioOf(measured, samples.upstream)
      return {
        name,
        baseline: `1 upstream call (+${MY_PAGES_LATENCY_MS} ms)`,
        ...ratio,
        upstream_calls: calls,
        latency_ms: MY_PAGES_LATENCY_MS,
        medusa_customer_route_ms: medusa,
        figures: `${calls} upstream call(s); route p95 ${ratio.ms.p95} ms vs upstream p95 ${ratio.baseline_ms.p95} ms; Medusa's GET /store/customers/me p50 ${medusa.p50} ms, p95 ${medusa.p95} ms`,
      }
    }
    return [row("my-pages-list", samples.list, listCalls), row("my-pages-detail", samples.detail, detailCalls)]
  } finally {
    await sandbox.clearFaults()
    await upstream.close()
  }
}
