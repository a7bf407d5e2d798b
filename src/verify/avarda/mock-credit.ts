/**
 * Credit requests the suite sends to Avarda, built by the plugin's own request builders from a
 * Swedish test application. On Avarda's stage environment an item described `MockForTest` puts the
 * request in mock mode, where the order total alone decides the answer: nothing is a real
 * credit decision, and captures, returns and cancellations act on mock authorizations only.
 */
import { buildCreateAuthorizationRequest, type ShopRequestFields } from "../../lib/avarda/authorization-api/create-request"
import type { AuthorizationApiClient } from "../../lib/avarda/authorization-api/client"
import { toAvardaItems, type AuthorizationProduct, type CreateAuthorizationRequest, type OrderManagementRequest } from "../../lib/avarda/authorization-api/request"
import type { CreditApplication } from "../../lib/avarda/credit-request-handoff"
import { vatIncludedMinor, type InvoiceRow } from "../../lib/avarda/invoice-rows"
import { AVARDA_MOCK_MODE, AVARDA_TEST_MARKETS } from "../../sandbox/avarda/test-identities"
import { Unreachable } from "../check"
import type { VerifyContext } from "../verify-context"

const MOCK_ITEM = AVARDA_MOCK_MODE.itemDescription
export const MOCK_TOTALS = AVARDA_MOCK_MODE.totals
const CURRENCY = "sek"
const VAT = "25"
const SE = AVARDA_TEST_MARKETS.SE

/** A row of `amount` SEK (VAT included at 25 %). */
export function row(description: string, amount: number): InvoiceRow {
  const amountMinor = Math.round(amount * 100)
  return { kind: "item", description, amountMinor, taxAmountMinor: vatIncludedMinor(amountMinor, VAT), taxRate: VAT }
}

/** Rows that put a request in stage mock mode: the mock item plus any others. */
export function mockRows(mockAmount: number, ...others: InvoiceRow[]): InvoiceRow[] {
  return [row(MOCK_ITEM, mockAmount), ...others]
}

export function creditApplication(context: VerifyContext, rows: InvoiceRow[], overrides: Partial<CreditApplication> = {}): CreditApplication {
  const address = { firstName: "Verify", lastName: "Testperson", addressLine1: SE.addressLine1, city: SE.city, zip: SE.zip, country: "SE" }
  return {
    cartId: context.reference("cart"),
    market: "SE",
    currency: CURRENCY,
    amountMinor: rows.reduce((sum, r) => sum + r.amountMinor, 0),
    email: SE.email,
    phone: SE.phone,
    invoicingAddress: address,
    rows,
    ...overrides,
  }
}

export function createRequest(
  context: VerifyContext,
  rows: InvoiceRow[],
  options: { label: string; shopper?: string; shop?: Partial<ShopRequestFields>; application?: Partial<CreditApplication> }
): CreateAuthorizationRequest {
  return buildCreateAuthorizationRequest(creditApplication(context, rows, options.application), options.shopper ?? context.settings.shoppers.invoice, {
    orderReference: context.reference(options.label),
    posId: "0",
    ...options.shop,
  })
}

/** `/order` or `/return` body for some of the rows. */
export function orderBody(context: VerifyContext, rows: InvoiceRow[], tranId: string, orderReference = context.reference("order")): OrderManagementRequest {
  return { items: toAvardaItems(rows, CURRENCY), orderReference, tranId: `${context.runId}-${tranId}`.slice(0, 36), posId: "0" }
}

export function productExtras(product: AuthorizationProduct, context: VerifyContext): Partial<ShopRequestFields> {
  if (product === "loan") return { paymentTerms: 36 }
  if (product === "part-payment") {
    const accountClassCode = context.configured("authorizationApi").partPaymentAccountClassCode
    if (accountClassCode === undefined) throw new Unreachable("set AVARDA_PART_PAYMENT_ACCOUNT_CLASS (the part-payment account class Avarda issued)")
    return { paymentTerms: 12, accountClassCode }
  }
  return {}
}

/**
 * A mock authorization approved (201) and ready for order management (`inBackOffice`), created for
 * the check that asks. Anything else is a failed prerequisite.
 */
export async function approvedAuthorization(
  context: VerifyContext,
  rows: InvoiceRow[],
  options: { label: string; product?: AuthorizationProduct; shopper?: string }
): Promise<{ authorizationId: string; creditLimit?: number }> {
  const product = options.product ?? "invoice"
  const client = context.authorizationApi()
  const request = createRequest(context, rows, { label: options.label, shopper: options.shopper, shop: productExtras(product, context) })
  const outcome = await client.createAuthorization(product, request)
  if (outcome.kind !== "approved") {
    throw new Unreachable(`a mock ${product} authorization was not approved (${outcome.kind}${"errorCode" in outcome && outcome.errorCode !== undefined ? ` ${outcome.errorCode}` : ""})`)
  }
  await waitForBackOffice(context, client, outcome.authorizationId)
  return { authorizationId: outcome.authorizationId, ...(outcome.creditLimit !== undefined ? { creditLimit: outcome.creditLimit } : {}) }
}

/** Order management is allowed once Avarda's background processing is done (`inBackOffice`). */
export async function waitForBackOffice(context: VerifyContext, client: AuthorizationApiClient, authorizationId: string): Promise<void> {
  await context.waitFor(`inBackOffice of authorization ${authorizationId}`, context.settings.backOfficeWaitMs, async () =>
    (await client.getAuthorization(authorizationId)).inBackOffice === true ? true : undefined
  )
}
