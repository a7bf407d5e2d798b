// My Pages for the demo customer: the invoice from the approved Avarda purchase (captured on
// shipment) plus earlier purchases seeded in the sandbox, read through the store route.
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
    const data = checkStatus(await customer.get("/store/customers/me/avarda/accounts"), 200, "list My Pages accounts")
    const accounts = data.accounts ?? []
    // The loan's details need the shopper's strong authentication (Avarda answers 202 until then).
    check(accounts.length >= 3, `expected the captured invoice and 2 earlier invoices, got ${accounts.length}: ${JSON.stringify(accounts.map((a) => a.state))}`)
    const states = [...new Set(accounts.map((a) => a.state_label ?? a.state))].join(", ")
    const strongAuth = data.strong_authentication?.required ? "; the loan awaits strong authentication" : ""
    return { outcome: `${accounts.length} invoices for ${context.seed.customer.email} (${states})${strongAuth}` }
  },
}
