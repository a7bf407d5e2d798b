// My Pages for the demo customer: the invoice from the approved Avarda purchase (captured on
// shipment) plus earlier purchases seeded in the sandbox, read through the store route.
import journeyChecks from "../journey-checks.js"
import { AVARDA_PROVIDERS } from "../avarda-checkout.mjs"

const { check, checkStatus } = journeyChecks

const EARLIER_PURCHASES = (identificationNumber) => ({
  identificationNumber,
  market: "SE",
  purchaseIds: ["demo-earlier-purchase"],
  accounts: [
    { type: "Invoice", amount: 899, paid: 899, dueInDays: -45, description: "Rain jacket", orderReference: "EARLIER-1" },
    { type: "Invoice", amount: 349, dueInDays: -3, description: "Wool hat", orderReference: "EARLIER-2" },
    { type: "Loan", amount: 9600, months: 24, dueInDays: 18, description: "Bicycle", orderReference: "EARLIER-3" },
  ],
})

export default {
  method: "Avarda My Pages (customer's invoices)",
  requires: [AVARDA_PROVIDERS.invoice],
  async run(context) {
    const { sandbox, shared } = context
    check(shared.avardaInvoice, "needs the order of the 'Avarda invoice (approved)' journey, which did not complete")
    await sandbox.client.seedMyPages(EARLIER_PURCHASES(sandbox.testIdentities.SE.approved))
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
