/**
 * Checks of Avarda's Standalone Credit (CheckOut2Api) on stage: `AuthorizeInvoiceEID` with the
 * shopper of Avarda's documented example request, `GetPaymentStatus`, the commerce calls on that test
 * purchase, and the validation answers, through the plugin's own request builder and client.
 */
import { buildStandaloneAuthorizeRequest, type StandaloneShopFields } from "../../lib/avarda/standalone/build-request"
import { StandaloneApiError } from "../../lib/avarda/standalone/errors"
import type { StandaloneAuthorizeRequest, StandaloneProduct } from "../../lib/avarda/standalone/request"
import { toStandaloneItems } from "../../lib/avarda/standalone/request"
import type { InvoiceRow } from "../../lib/avarda/invoice-rows"
import { describeError, outcomeOf, Unreachable, type VerifyCheck } from "../check"
import type { VerifyContext } from "../verify-context"
import { creditApplication, row } from "./mock-credit"

type Check = VerifyCheck<VerifyContext>
const api = "avarda-standalone" as const

function authorizeRequest(context: VerifyContext, rows: InvoiceRow[], label: string, shop: Partial<StandaloneShopFields> = {}): StandaloneAuthorizeRequest {
  return buildStandaloneAuthorizeRequest(creditApplication(context, rows), context.settings.shoppers.invoice, {
    orderReference: context.reference(label).slice(0, 50),
    userLanguageCode: "sv-SE",
    ...shop,
  })
}

/** An approved test purchase (no electronic ID step), created for the check that asks. */
async function approvedPurchase(context: VerifyContext, rows: InvoiceRow[], label: string): Promise<string> {
  const outcome = await context.standalone().authorize("invoice", authorizeRequest(context, rows, label))
  if (outcome.kind === "approved") return outcome.externalId
  if (outcome.kind === "electronic_id_required") throw new Unreachable("the test purchase asks for an electronic ID (set AVARDA_VERIFY_PERSONAL_ID to a stage test person approved without one)")
  throw new Unreachable(`the test purchase was not approved: ${describeError(outcome.error)}`)
}

/** The validation answer (400, authorize format) of a request that should be refused. */
async function refusedAuthorize(context: VerifyContext, product: StandaloneProduct, request: StandaloneAuthorizeRequest): Promise<{ error?: StandaloneApiError; seen: string }> {
  const outcome = await context.standalone().authorize(product, request)
  if (outcome.kind === "approved" || outcome.kind === "electronic_id_required") return { seen: `${outcome.kind} (accepted)` }
  const messages = outcome.error.entries.map((entry) => entry.message).filter(Boolean)
  return { error: outcome.error, seen: `${outcome.kind}: HTTP ${outcome.error.status} ${outcome.error.code ?? ""}${messages.length ? ` “${messages.join(" / ")}”` : ""}`.trim() }
}

const mentions = (error: StandaloneApiError | undefined, pattern: RegExp) =>
  !!error && (pattern.test(error.message) || error.entries.some((entry) => pattern.test(entry.message ?? "")))

export const STANDALONE_CHECKS: Check[] = [
  {
    assumption: "U20",
    api,
    expected: "`IsB2B: true` refused: “Checkout site is not allowed to work with B2b.”",
    async run(context, found) {
      const { error, seen } = await refusedAuthorize(context, "invoice", authorizeRequest(context, [row("Verify item", 100)], "u20", { companyName: "Verify AB" }))
      found.expect(error?.status === 400 && mentions(error, /not allowed to work with B2b/i), seen)
    },
  },
  {
    assumption: "D11",
    api,
    expected: "validation errors: HTTP 400 in the authorize error format (sandbox ErrorCode 30100)",
    async run(context, found) {
      const request = authorizeRequest(context, [row("Verify item", 100)], "d11")
      request.Items = request.Items.map((item) => ({ ...item, Description: "Verify item with a description longer than 35 characters" }))
      const { error, seen } = await refusedAuthorize(context, "invoice", request)
      found.expect(error?.status === 400 && error.format === "authorize", `${seen}${error ? ` (${error.format} format)` : ""}`)
    },
  },
  {
    assumption: "D12",
    api,
    expected: "`Price` above the item sum: 400 “Total price is not equal to sum of item prices”",
    async run(context, found) {
      const request = authorizeRequest(context, [row("Verify item", 100)], "d12")
      request.Price = 150
      const { error, seen } = await refusedAuthorize(context, "invoice", request)
      found.expect(error?.status === 400 && mentions(error, /Total price is not equal to sum of item prices/i), seen)
    },
  },
  {
    assumption: "D13",
    api,
    expected: "`AuthorizeInvoiceEID` refuses `da-DK` (invoice: en-US, sv-SE, fi-FI)",
    async run(context, found) {
      const { error, seen } = await refusedAuthorize(context, "invoice", authorizeRequest(context, [row("Verify item", 100)], "d13", { userLanguageCode: "da-DK" }))
      found.expect(error?.status === 400 && mentions(error, /UserLanguageCode/i), seen)
    },
  },
  {
    assumption: "D14",
    api,
    expected: "`AuthorizeLoanEID` without `PaymentTerms`: 400",
    async run(context, found) {
      const { error, seen } = await refusedAuthorize(context, "loan", authorizeRequest(context, [row("Verify item", 100)], "d14"))
      found.expect(error?.status === 400, seen)
    },
  },
  {
    assumption: "D16",
    api,
    expected: "`GetPaymentStatus` of an approved invoice purchase: State 2, PaymentMethod 0, CountryCode alpha-3 (SWE)",
    async run(context, found) {
      const externalId = await context.once("standalone.approved", "an approved Standalone Credit test purchase", () =>
        approvedPurchase(context, [row("Verify item", 100)], "standalone")
      )
      const status = await context.standalone().getPaymentStatus(externalId)
      found.expect(status.State === 2, `State ${status.State}`)
      found.expect(status.PaymentMethod === 0, `PaymentMethod ${String(status.PaymentMethod)}`)
      found.expect(status.CountryCode === "SWE", `CountryCode ${String(status.CountryCode)}`)
    },
  },
  {
    assumption: "D17",
    api,
    expected: "`Refund` before any `PurchaseOrder` refused (sandbox 10013); after a `PurchaseOrder` it is accepted",
    async run(context, found) {
      const rows = [row("Verify item A", 60), row("Verify item B", 40)]
      const externalId = await approvedPurchase(context, rows, "d17")
      const client = context.standalone()
      const refund = (tranId: string) => client.refund({ ExternalId: externalId, Amount: 10, OrderReference: context.reference("d17"), TranId: `${context.runId}-${tranId}` })
      const early = await outcomeOf(refund("d17-early"))
      found.expect(!early.ok && early.error instanceof StandaloneApiError && early.error.status === 400, `refund before PurchaseOrder: ${early.ok ? "200 (accepted)" : describeError(early.error)}`)
      const order = await outcomeOf(
        client.purchaseOrder({ ExternalId: externalId, OrderReference: context.reference("d17"), TranId: `${context.runId}-d17-order`, Items: toStandaloneItems([rows[0]], "sek") })
      )
      found.expect(order.ok, `PurchaseOrder of item A: ${order.ok ? "200" : describeError(order.error)}`)
      const late = await outcomeOf(refund("d17-late"))
      found.expect(late.ok, `refund after it: ${late.ok ? "200" : describeError(late.error)}`)
    },
  },
]
