// The admin's refund body before anything reads or writes it: malformed fields answered 400 naming
// them; for the plugin's payments an amount with more decimals than the currency has (the vendors
// take exact minor units); everything else goes on to Medusa's route.
import { validateAdminRefund } from "../validate-refund"
import { runAmountCheck } from "./run-amount-check"

const PAYMENT_ID = "pay_01JABCDEFGHJKMNPQRSTVWXYZ0"
const payments: Record<string, { id: string; provider_id: string; currency_code: string }> = {
  [PAYMENT_ID]: { id: PAYMENT_ID, provider_id: "pp_avarda-invoice_avarda", currency_code: "sek" },
  pay_01JABCDEFGHJKMNPQRSTVWXYZ1: { id: "pay_01JABCDEFGHJKMNPQRSTVWXYZ1", provider_id: "pp_avirato-card_avirato", currency_code: "jpy" },
  pay_01JABCDEFGHJKMNPQRSTVWXYZ2: { id: "pay_01JABCDEFGHJKMNPQRSTVWXYZ2", provider_id: "pp_system_default", currency_code: "sek" },
}

const run = async (id: string, body: unknown) => {
  const { reads: _reads, ...outcome } = await runAmountCheck(validateAdminRefund, payments, id, body)
  return outcome
}

describe("the admin's refund, checked before Medusa's route", () => {
  it.each([
    ["an amount within the currency's decimals", PAYMENT_ID, { amount: 10.05 }],
    ["no amount (Medusa refunds the payment's amount)", PAYMENT_ID, {}],
    ["a whole amount in a currency without decimals", "pay_01JABCDEFGHJKMNPQRSTVWXYZ1", { amount: 500, note: "damaged", refund_reason_id: "" }],
    ["another provider's payment, any decimals (Medusa's to judge)", "pay_01JABCDEFGHJKMNPQRSTVWXYZ2", { amount: 10.005 }],
    ["a payment id Medusa does not know (it answers 404)", "pay_01JABCDEFGHJKMNPQRSTVWXYZ9", { amount: 10.005 }],
  ])("goes on: %s", async (_case, id, body) => {
    expect(await run(id, body)).toEqual({ next: true })
  })

  it.each([
    ["three decimals in SEK", PAYMENT_ID, { amount: 10.005 }, "amount", "must have at most 2 decimals for SEK"],
    ["a fraction of a yen", "pay_01JABCDEFGHJKMNPQRSTVWXYZ1", { amount: 0.5 }, "amount", "must have at most 0 decimals for JPY"],
    ["nothing to refund", PAYMENT_ID, { amount: 0 }, "amount", "must be greater than 0"],
    ["a negative amount", PAYMENT_ID, { amount: -5 }, "amount", "must be greater than 0"],
    ["an amount as text", PAYMENT_ID, { amount: "10" }, "amount", "must be a number (major units, e.g. 12.5)"],
    ["a malformed refund reason", PAYMENT_ID, { amount: 1, refund_reason_id: "reason-1" }, "refund_reason_id", "must be a refund reason id (refr_ followed by 26 letters and digits)"],
  ])("answers 400 naming the field: %s", async (_case, id, body, field, message) => {
    const outcome = await run(id, body)
    expect(outcome).toMatchObject({ status: 400, next: false })
    expect(outcome.json?.errors).toEqual([{ field, message }])
  })

  it("a malformed payment id is a 400 naming it, before any read", async () => {
    const outcome = await run("pay_1; drop table", { amount: 1 })
    expect(outcome).toMatchObject({ status: 400, next: false })
    expect(outcome.json?.errors?.map((e) => e.field)).toEqual(["id"])
  })
})
