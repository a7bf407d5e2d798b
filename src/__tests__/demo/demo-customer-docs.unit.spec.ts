// Who the demo customer is at Avarda, and which purchases My Pages shows for it, is stated in
// docs/demo.md; the sandbox's own ready-made My Pages shopper in docs/sandbox-avarda.md. Each page
// is kept equal to the data the running demo and sandbox use.
import fs from "node:fs"
import path from "node:path"
import { AVARDA_TEST_IDENTITIES } from "../../sandbox/avarda/test-identities"
import { demoMyPagesFixture, MY_PAGES_DEMO_IDENTIFICATION_NUMBER } from "../../sandbox/avarda/my-pages/fixtures"

const demoCustomer = require("../../../scripts/demo/demo-customer.js") as {
  DEMO_CUSTOMER_PERSONAL_ID_NUMBER: string
  EARLIER_PURCHASES: Array<{ type: string; amount: number; description: string; orderReference: string; paid?: number; months?: number }>
  earlierPurchasesFixture(): { identificationNumber: string; accounts: unknown[] }
}

const root = path.resolve(__dirname, "..", "..", "..")
/** A page with thousands separators removed (`1 249` → `1249`), so amounts compare as numbers. */
const page = (name: string) => fs.readFileSync(path.join(root, "docs", name), "utf8").replace(/(\d)[  ](\d{3})\b/g, "$1$2")

describe("the demo customer's Avarda data in docs/demo.md", () => {
  const demo = page("demo.md")

  it("is the sandbox's approved identity, which the approved journey buys with", () => {
    expect(demoCustomer.DEMO_CUSTOMER_PERSONAL_ID_NUMBER).toBe(AVARDA_TEST_IDENTITIES.SE.approved)
    expect(demoCustomer.earlierPurchasesFixture().identificationNumber).toBe(demoCustomer.DEMO_CUSTOMER_PERSONAL_ID_NUMBER)
    const stated = [...demo.matchAll(/personal ID number[^`]*`(\d{12})`/g)].map((m) => m[1])
    expect(stated.length).toBeGreaterThanOrEqual(2)
    expect(new Set(stated)).toEqual(new Set([demoCustomer.DEMO_CUSTOMER_PERSONAL_ID_NUMBER]))
    expect(demo).not.toContain(MY_PAGES_DEMO_IDENTIFICATION_NUMBER)
  })

  it("lists every earlier purchase the My Pages journey seeds, with its amount", () => {
    const section = demo.slice(demo.indexOf("### The demo customer's Avarda purchases"), demo.indexOf("\n## ", demo.indexOf("### The demo customer's Avarda purchases")))
    const rows = section.split("\n").filter((line) => line.startsWith("| ") && /\bSEK\b/.test(line))
    for (const purchase of demoCustomer.EARLIER_PURCHASES) {
      const row = rows.find((line) => line.includes(`${purchase.description} (\`${purchase.orderReference}\`)`))
      expect({ purchase: purchase.description, row: row !== undefined && row.includes(`${purchase.amount} SEK`) }).toEqual({ purchase: purchase.description, row: true })
    }
    expect(rows.length).toBe(demoCustomer.EARLIER_PURCHASES.length)
  })
})

describe("the sandbox's ready-made My Pages shopper in docs/sandbox-avarda.md", () => {
  const sandboxPage = page("sandbox-avarda.md")

  it("states the fixture's personal ID number and each account with its amount", () => {
    const fixture = demoMyPagesFixture()
    const paragraph = sandboxPage.slice(sandboxPage.indexOf("`control.seedMyPagesDemo()`"))
    expect(paragraph).toContain(`\`${fixture.identificationNumber}\``)
    for (const account of fixture.accounts) {
      expect(paragraph).toContain(String(account.id))
      if (!account.paid) expect(paragraph).toContain(`${account.amount} SEK`)
    }
    for (const purchaseId of fixture.purchaseIds) expect(paragraph).toContain(`\`${purchaseId}\``)
  })
})
