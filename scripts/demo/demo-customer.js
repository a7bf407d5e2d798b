// The demo customer's Avarda side, as `npm run demo` creates it: the personal ID number its Avarda
// purchases use (the sandbox's approved Swedish test identity) and the earlier purchases seeded for
// that person in the sandbox, which My Pages shows next to the demo's own invoice. docs/demo.md
// states the same, checked by a unit test. CommonJS (no dependencies) so that test loads it directly.
"use strict"

/** The sandbox's approved Swedish test identity (AVARDA_TEST_IDENTITIES.SE.approved). */
const DEMO_CUSTOMER_PERSONAL_ID_NUMBER = "198005012003"

/** Earlier Avarda purchases of the demo customer: a paid and an open invoice, and a loan. */
const EARLIER_PURCHASES = [
  { type: "Invoice", amount: 899, paid: 899, dueInDays: -45, description: "Rain jacket", orderReference: "EARLIER-1" },
  { type: "Invoice", amount: 349, dueInDays: -3, description: "Wool hat", orderReference: "EARLIER-2" },
  { type: "Loan", amount: 9600, months: 24, dueInDays: 18, description: "Bicycle", orderReference: "EARLIER-3" },
]

/** The sandbox fixture (`POST /__sandbox/avarda/mypages/fixtures`) of the demo customer's earlier purchases. */
function earlierPurchasesFixture() {
  return {
    identificationNumber: DEMO_CUSTOMER_PERSONAL_ID_NUMBER,
    market: "SE",
    purchaseIds: ["demo-earlier-purchase"],
    accounts: EARLIER_PURCHASES.map((account) => ({ ...account })),
  }
}

module.exports = { DEMO_CUSTOMER_PERSONAL_ID_NUMBER, EARLIER_PURCHASES, earlierPurchasesFixture }
