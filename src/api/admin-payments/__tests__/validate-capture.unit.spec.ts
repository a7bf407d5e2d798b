// The admin's capture body before the plugin's capture planners write anything: malformed fields
// answered 400 naming them; for the plugin's payments an amount with more decimals than the currency
// has, or more than is left to capture (for a credit, what its ledger has left); everything else —
// other providers, captured or cancelled payments, unknown ids — goes on to Medusa's route.
import { validateAdminCapture } from "../validate-capture"
import { runAmountCheck } from "./run-amount-check"

const id = (n: number) => `pay_01JABCDEFGHJKMNPQRSTVWXY${String(n).padStart(2, "0")}`
const avirato = { provider_id: "pp_avirato-card_avirato", currency_code: "eur", amount: 100, data: {}, captures: [] }
const payments: Record<string, Record<string, unknown>> = {
  [id(1)]: { ...avirato, id: id(1) },
  [id(2)]: { ...avirato, id: id(2), captures: [{ amount: 30, raw_amount: { value: "30", precision: 20 } }] },
  [id(3)]: { ...avirato, id: id(3), captured_at: new Date() },
  [id(4)]: { ...avirato, id: id(4), canceled_at: new Date() },
  [id(5)]: { ...avirato, id: id(5), provider_id: "pp_system_default" },
  // A credit whose ledger has 400 SEK left although Medusa sees 1000 uncaptured (a row was captured on shipment and not yet recorded).
  [id(6)]: {
    id: id(6),
    provider_id: "pp_avarda-invoice_avarda",
    currency_code: "sek",
    amount: 1000,
    captures: [],
    data: { vendor: "avarda-authorization-api", order_reference: "1001", amount_minor: 100000, captures: [{ tran_id: "1001-1", amount_minor: 60000 }], returns: [] },
  },
}

const run = (paymentId: string, body: unknown) => runAmountCheck(validateAdminCapture, payments, paymentId, body)

describe("the admin's capture, checked before the planners and Medusa's route", () => {
  it.each([
    ["the whole uncaptured amount", id(1), { amount: 100 }],
    ["what is left after an earlier capture", id(2), { amount: 70 }],
    ["no amount (Medusa captures the rest)", id(1), {}],
    ["a captured payment (Medusa refuses it)", id(3), { amount: 1000 }],
    ["a cancelled payment (Medusa refuses it)", id(4), { amount: 1000 }],
    ["another provider's payment, any amount", id(5), { amount: 10.005 }],
    ["an unknown payment (Medusa answers 404)", id(9), { amount: 1 }],
  ])("goes on: %s", async (_case, paymentId, body) => {
    expect(await run(paymentId, body)).toMatchObject({ next: true })
    expect((await run(paymentId, body)).status).toBeUndefined()
  })

  it.each([
    ["three decimals in EUR", id(1), { amount: 10.005 }, "must have at most 2 decimals for EUR"],
    ["more than Medusa has uncaptured", id(2), { amount: 70.01 }, "must not be more than what is left to capture (70 EUR)"],
    ["more than the credit's ledger has left", id(6), { amount: 400.01 }, "must not be more than what is left to capture (400 SEK)"],
    ["nothing to capture", id(1), { amount: 0 }, "must be greater than 0"],
    ["an amount as text", id(1), { amount: "10" }, "must be a number (major units, e.g. 12.5)"],
  ])("answers 400 naming amount: %s", async (_case, paymentId, body, message) => {
    const outcome = await run(paymentId, body)
    expect(outcome).toMatchObject({ status: 400, next: false })
    expect(outcome.json?.errors).toEqual([{ field: "amount", message }])
  })

  it("reads the payment once, with the captures, and not at all for a malformed id", async () => {
    expect((await run(id(1), { amount: 1 })).reads).toEqual([expect.objectContaining({ relations: ["captures"] })])
    const malformed = await run("pay_1; drop table", { amount: 1 })
    expect(malformed).toMatchObject({ status: 400, next: false, reads: [] })
    expect(malformed.json?.errors?.map((e) => e.field)).toEqual(["id"])
  })
})
