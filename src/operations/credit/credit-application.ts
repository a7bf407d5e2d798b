/**
 * Cart → vendor-neutral credit application (market, contact data, addresses, invoice rows), with
 * the cart-level rules every Avarda API shares: a Nordic invoicing country, the market's currency,
 * an e-mail and a phone, rows that add up to the amount. Issues name the cart field to fix.
 */
import { buildInvoiceRows, InvoiceRowsMismatchError } from "../../lib/avarda/credit-cart"
import type { CreditRequestAddress } from "../../lib/avarda/credit-address"
import type { CreditApplication } from "../../lib/avarda/credit-request-handoff"
import { AVARDA_MARKETS, marketCurrency, marketOfCountry } from "../../lib/avarda/markets"
import type { CartAddress, CreditCheckout } from "./load-credit-checkout"

export interface CartFieldIssue {
  /** The cart (or request body) field to fix, e.g. "billing_address.postal_code". */
  field: string
  message: string
}

function addressOf(address: CartAddress): CreditRequestAddress {
  return {
    firstName: address.first_name ?? "",
    lastName: address.last_name ?? "",
    addressLine1: address.address_1 ?? "",
    ...(address.address_2 ? { addressLine2: address.address_2 } : {}),
    city: address.city ?? "",
    zip: address.postal_code ?? "",
    country: (address.country_code ?? "").toUpperCase(),
  }
}

export function buildCreditApplication(checkout: CreditCheckout): { application: CreditApplication; issues: [] } | { issues: CartFieldIssue[] } {
  const issues: CartFieldIssue[] = []
  if (checkout.completed) issues.push({ field: "cart_id", message: "the cart is already completed" })
  const billing = checkout.billingAddress ?? checkout.shippingAddress
  if (!billing) issues.push({ field: "billing_address", message: "is required for a credit purchase" })
  const market = marketOfCountry(billing?.country_code)
  if (billing && !market) {
    issues.push({ field: "billing_address.country_code", message: `must be one of ${AVARDA_MARKETS.join(", ")} (Avarda's markets)` })
  }
  if (market && marketCurrency(market) !== checkout.currency) {
    issues.push({ field: "currency_code", message: `must be ${marketCurrency(market).toUpperCase()} for a ${market} invoicing address (is ${checkout.currency.toUpperCase()})` })
  }
  if (!checkout.email) issues.push({ field: "email", message: "is required for a credit purchase" })
  if (!checkout.phone) issues.push({ field: "billing_address.phone", message: "is required for a credit purchase (a mobile number)" })
  if (!checkout.paymentCollectionId) issues.push({ field: "cart_id", message: "the cart has no payment collection" })
  if (checkout.cart.totalMinor <= 0) issues.push({ field: "cart_id", message: "the cart has nothing to pay on credit" })

  let rows: CreditApplication["rows"] = []
  try {
    rows = buildInvoiceRows(checkout.cart)
  } catch (error) {
    if (!(error instanceof InvoiceRowsMismatchError)) throw error
    issues.push({ field: "cart_id", message: error.message })
  }
  if (issues.length || !billing || !market) return { issues }

  const delivery = checkout.shippingAddress
  return {
    issues: [],
    application: {
      cartId: checkout.cartId,
      market,
      currency: checkout.currency,
      amountMinor: checkout.cart.totalMinor,
      email: checkout.email!,
      phone: checkout.phone!,
      invoicingAddress: addressOf(billing),
      ...(delivery ? { deliveryAddress: addressOf(delivery) } : {}),
      rows,
    },
  }
}
