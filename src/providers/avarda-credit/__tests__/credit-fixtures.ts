// What the provider tables of both Avarda credit APIs build their cases from.
import type { MedusaError } from "@medusajs/framework/utils"
import type { CapturePlan } from "../../../lib/avarda/credit-ledger"
import type { CreditApplication } from "../../../lib/avarda/credit-request-handoff"
import { isOutcomeUnknown } from "../../../lib/avarda/outcome-unknown"

/** Gives providers the return-state key, as Medusa's config module would. */
export const cradle = { configModule: { projectConfig: { http: { jwtSecret: "test-secret" } } } }

export const row = (amountMinor: number) => ({ kind: "item" as const, description: "Shirt", amountMinor, taxAmountMinor: amountMinor / 5, taxRate: "25" })

/** A Swedish cart of 10 SEK. */
export const application: CreditApplication = {
  cartId: "cart_1",
  market: "SE",
  currency: "sek",
  amountMinor: 1000,
  email: "a@example.com",
  phone: "0701234567",
  invoicingAddress: { firstName: "A", lastName: "B", addressLine1: "Gatan 1", city: "Stockholm", zip: "11122", country: "SE" },
  rows: [row(1000)],
}
/** The bookkeeping of an approved, untouched 10 SEK session. */
export const freshLedger = () => ({ order_reference: "payses_01JSESSION", currency_code: "sek", amount_minor: 1000, rows: [row(1000)], captures: [], returns: [] })

/** The sandbox's approved Swedish test identity. */
export const personalIdNumber = "198005012003"

export const plan = (tranId: string, amountMinor = 400): CapturePlan => ({
  id: `plan-${tranId}`,
  tran_id: tranId,
  source: "shipment",
  fulfillment_id: tranId,
  order_reference: "1001",
  rows: [row(amountMinor)],
  amount_minor: amountMinor,
  lines: [],
  includes_order_level: true,
  created_at: "2026-01-01T00:00:00.000Z",
})

/** A recorded capture made with order reference 1001. */
export const captured = (tranId: string, amountMinor: number) => ({
  tran_id: tranId,
  source: "shipment" as const,
  order_reference: "1001",
  amount_minor: amountMinor,
  rows: [row(amountMinor)],
  lines: [],
  includes_order_level: false,
  captured_at: "2026-01-01T00:00:00.000Z",
})

export const ctx = (idempotency_key?: string) => (idempotency_key ? { idempotency_key } : {})

/** A vendor call that answers with `answer`: rejects when it is an error, resolves otherwise. */
export const answering = (answer: unknown) => jest.fn(async () => (answer instanceof Error ? Promise.reject(answer) : answer))

/** How a provider call ended, as Medusa sees it. */
export async function failureOf(run: Promise<unknown>): Promise<{ type?: string; outcomeUnknown: boolean; message: string } | "resolved"> {
  try {
    await run
    return "resolved"
  } catch (error) {
    return { type: (error as MedusaError).type, outcomeUnknown: isOutcomeUnknown(error), message: (error as Error).message }
  }
}
