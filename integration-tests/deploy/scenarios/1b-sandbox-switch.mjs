// The store is configured as README's "Use the sandbox with your own store" says — no vendor
// credential, only AVARDA_AVIRATO_SANDBOX_URL (store-environment.js) — so every vendor the plugin
// talks to must be the sandbox at that URL: the settings page reports "sandbox" for each payment
// vendor on both servers, and My Pages (a module with no variable of its own set) lists, starts
// strong authentication and reads a proven customer's accounts at that sandbox.
import { placeApprovedAvardaOrder } from "../../../scripts/demo/avarda-checkout.mjs"
import { checks } from "../journeys.mjs"

const { check, checkEqual, checkStatus } = checks

const PAYMENT_VENDORS = ["avarda", "avarda-standalone", "avirato"]

/** Journal entries the sandbox answered with 2xx for `route`. */
async function answered(ctx, route) {
  return (await ctx.sandbox.client.journal(route)).filter((entry) => entry.status >= 200 && entry.status < 300)
}

export default {
  name: "1b the sandbox switch alone: settings report sandbox for every vendor, My Pages reads the sandbox",
  async run(ctx) {
    const { A, B, seed } = ctx
    const origin = ctx.sandbox.origin

    for (const server of [A, B]) {
      const { vendors } = checkStatus(await server.admin.get("/admin/plugin-settings"), 200, `read the settings page's data on server ${server.name}`)
      for (const vendor of PAYMENT_VENDORS) {
        const shown = vendors.find((v) => v.vendor === vendor)
        check(shown?.configured, `server ${server.name}: the settings page shows ${vendor} as not configured`)
        checkEqual(shown.environment, "sandbox", `server ${server.name}: the settings page's environment of ${vendor}`)
        check(shown.baseUrl?.startsWith(`${origin}/`), `server ${server.name}: ${vendor} talks to ${shown.baseUrl}, not to the sandbox at ${origin}`)
      }
    }

    // My Pages: the customer's own Avarda purchase, and earlier purchases of the same person at Avarda.
    const customer = await A.store.login(seed.customer)
    const { session } = await placeApprovedAvardaOrder(customer, seed, ctx.sandbox.testIdentities.SE.approved, { email: seed.customer.email })
    check(session?.data?.authorization_id, "the customer's Avarda order has no authorization id")
    await ctx.sandbox.client.seedMyPages({
      identificationNumber: ctx.sandbox.testIdentities.SE.approved,
      market: "SE",
      purchaseIds: [`deploy-earlier-${Date.now()}`],
      accounts: [
        { type: "Invoice", amount: 349, dueInDays: -3, description: "Wool hat", orderReference: "DEPLOY-1" },
        { type: "Loan", amount: 9600, months: 24, dueInDays: 18, description: "Bicycle", orderReference: "DEPLOY-2" },
      ],
    })
    const listsBefore = (await answered(ctx, "avarda.mypages.accounts.list")).length
    const onB = await B.store.login(seed.customer)
    const before = checkStatus(await onB.get("/store/customers/me/avarda/accounts"), 200, "list My Pages accounts on server B")
    check(!before.identity?.verified, "the customer's identity is proven before strong authentication")
    check((await answered(ctx, "avarda.mypages.accounts.list")).length > listsBefore, "listing My Pages accounts made no call to the sandbox's My Pages API")
    check(
      (await answered(ctx, "avarda.mypages.token")).length >= 1,
      "My Pages never got a partner token from the sandbox with the sandbox's credentials"
    )

    const started = checkStatus(await customer.post("/store/customers/me/avarda/strong-authentication", {}), 202, "start My Pages strong authentication on server A")
    const redirectUrl = started.strong_authentication?.redirect_url
    check(redirectUrl?.startsWith(`${origin}/`), `strong authentication sends the customer to ${redirectUrl}, not to the sandbox at ${origin}`)
    const identified = await customer.request("POST", redirectUrl, { form: { action: "identify" } })
    checkEqual(identified.status, 302, "the sandbox's identification page")
    const after = checkStatus(await onB.get("/store/customers/me/avarda/accounts"), 200, "list My Pages accounts on server B after strong authentication")
    check(after.identity?.verified, `expected a proven identity, got ${JSON.stringify(after.identity)}`)
    const accounts = after.accounts ?? []
    check(accounts.length >= 2, `expected the person's earlier invoice and loan from the sandbox, got ${accounts.length} account(s)`)

    return `settings page: ${PAYMENT_VENDORS.join(", ")} "sandbox" at ${origin} on both servers; My Pages: ${before.accounts?.length ?? 0} own account(s) before, ${accounts.length} after strong authentication, read from the sandbox`
  },
}
