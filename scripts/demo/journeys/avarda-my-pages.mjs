// My Pages for the demo customer: the invoice from the approved Avarda purchase (captured on
// shipment) plus earlier purchases of the same person seeded in the sandbox, read through the store
// route. The purchase was approved without electronic ID, which proves nothing about who the
// customer is: first only that purchase shows; after My Pages strong authentication (the sandbox's
// "Identify" page), everything of the person does.
import journeyChecks from "../journey-checks.js"
import { AVARDA_PROVIDERS } from "../avarda-checkout.mjs"
import demoCustomer from "../demo-customer.js"

const { check, checkStatus } = journeyChecks
const { DEMO_CUSTOMER_PERSONAL_ID_NUMBER, earlierPurchasesFixture } = demoCustomer

export default {
  method: "Avarda My Pages (customer's invoices)",
  requires: [AVARDA_PROVIDERS.invoice],
  async run(context) {
    const { sandbox, shared } = context
    check(shared.avardaInvoice, "needs the order of the 'Avarda invoice (approved)' journey, which did not complete")
    // The approved journey bought as the demo customer's person: the earlier purchases are that person's too.
    check(
      sandbox.testIdentities.SE.approved === DEMO_CUSTOMER_PERSONAL_ID_NUMBER,
      "the sandbox's approved test identity is no longer the demo customer's personal ID number (scripts/demo/demo-customer.js)"
    )
    await sandbox.client.seedMyPages(earlierPurchasesFixture())
    const customer = await context.loginCustomer()
    const list = async (what) => checkStatus(await customer.get("/store/customers/me/avarda/accounts"), 200, what)

    // Not proven yet (unless an earlier run of the demo identified): only the customer's own purchase.
    let data = await list("list My Pages accounts")
    let identified = "already identified"
    if (!data.identity?.verified) {
      const own = data.accounts ?? []
      check(own.length >= 1 && own.every((a) => a.access === "own_purchases" && a.balance === null), `expected only the own purchase without balances, got ${JSON.stringify(own)}`)
      check(data.identity?.can_verify, "the store should offer strong authentication")
      const started = checkStatus(await customer.post("/store/customers/me/avarda/strong-authentication", {}), 202, "start strong authentication")
      const redirectUrl = started.strong_authentication?.redirect_url
      check(redirectUrl, "no strong-authentication redirect URL")
      const identifiedAtAvarda = await customer.request("POST", redirectUrl, { form: { action: "identify" } })
      check(identifiedAtAvarda.status === 302, `Avarda's identification page answered ${identifiedAtAvarda.status}`)
      data = await list("list My Pages accounts after identifying")
      identified = `${own.length} own purchase(s) shown before strong authentication`
    }
    check(data.identity?.verified, `expected a proven identity, got ${JSON.stringify(data.identity)}`)
    const accounts = data.accounts ?? []
    check(accounts.length >= 4, `expected the captured invoice, 2 earlier invoices and the loan, got ${accounts.length}: ${JSON.stringify(accounts.map((a) => a.state))}`)
    const states = [...new Set(accounts.map((a) => a.state_label ?? a.state))].join(", ")
    return { outcome: `${accounts.length} accounts for ${context.seed.customer.email} (${states}); ${identified}` }
  },
}
