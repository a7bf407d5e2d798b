/**
 * Validation of the CheckOut2Api authorize calls with the vendor's own messages (the full list
 * Avarda's AuthorizeInvoiceEID page gives) and of the commerce calls.
 */
import { isHttpUrl } from "../../core/http-url"
import { toMinorUnits } from "../shared/money"
import { checkNationalId, detectMarketOfNationalId, type Market } from "../shared/national-id"
import type { CreditProduct } from "../shared/credit-purchase"
import type { InvoiceRow } from "../shared/invoice-rows"
import { rowsTotalMinor } from "../shared/invoice-rows"
import type { Language } from "../shared/markets"
import type { AuthorizeEidInput, StandaloneItemInput } from "./request-schemas"

export const CHECKOUT2_LANGUAGES: Record<string, { language: Language; market?: Market }> = {
  "en-US": { language: "en" },
  "sv-SE": { language: "sv", market: "SE" },
  "fi-FI": { language: "fi", market: "FI" },
  "da-DK": { language: "da", market: "DK" },
  "nb-NO": { language: "no", market: "NO" },
}

/** The invoice page lists three cultures; the direct-invoice page adds da-DK and nb-NO (assumed for loan / part payment too). */
export const SUPPORTED_LANGUAGES: Record<CreditProduct, readonly string[]> = {
  invoice: ["en-US", "sv-SE", "fi-FI"],
  "direct-invoice": ["en-US", "sv-SE", "fi-FI", "da-DK", "nb-NO"],
  loan: ["en-US", "sv-SE", "fi-FI", "da-DK", "nb-NO"],
  "part-payment": ["en-US", "sv-SE", "fi-FI", "da-DK", "nb-NO"],
}

const EMAIL_FORMAT = /^[^\s@]+@[^\s@]+\.[^\s@]+$/
const blank = (value: string | undefined): value is undefined => value === undefined || value.trim() === ""
const tooLong = (value: string | undefined, max: number) => value !== undefined && value.length > max

/** Item rules shared by the authorize and commerce calls; rows when all items are valid. */
export function checkStandaloneItems(items: StandaloneItemInput[] | undefined, messages: string[]): InvoiceRow[] | undefined {
  if (!items || items.length === 0) {
    messages.push("Items List must contain at least one item.")
    return undefined
  }
  const rows: InvoiceRow[] = []
  const add = (message: string) => {
    if (!messages.includes(message)) messages.push(message)
  }
  let valid = true
  for (const item of items) {
    if (blank(item.Description) || tooLong(item.Description, 35)) {
      add("Item description must be specified and must not be longer than 35 characters or empty.")
      valid = false
    }
    if (tooLong(item.Notes, 35)) {
      add("Item notes must not be longer than 35 characters.")
      valid = false
    }
    let amount: number | undefined
    if (item.Amount === undefined) {
      add("Item Amount must be specified.")
      valid = false
    } else {
      amount = toMinorUnits(item.Amount)
      if (amount === undefined) {
        add("The items amount can have a maximum of 2 decimal places.")
        valid = false
      }
    }
    let tax: number | undefined = 0
    if (item.TaxAmount !== undefined) {
      tax = toMinorUnits(item.TaxAmount)
      if (tax === undefined) {
        add("The items tax amount can have a maximum of 2 decimal places.")
        valid = false
      }
    }
    if (valid && amount !== undefined && tax !== undefined) {
      rows.push({
        description: item.Description!,
        ...(blank(item.Notes) ? {} : { notes: item.Notes }),
        unitAmountMinor: amount,
        quantity: 1,
        ...(blank(item.TaxCode) ? {} : { taxCode: item.TaxCode }),
        unitTaxMinor: tax,
      })
    }
  }
  return valid ? rows : undefined
}

export interface ValidAuthorizeEid {
  product: CreditProduct
  input: AuthorizeEidInput
  market: Market
  canonicalIdentificationNumber: string
  language: Language
  userLanguageCode: string
  rows: InvoiceRow[]
  priceMinor: number
}

export function validateAuthorizeEid(
  product: CreditProduct,
  input: AuthorizeEidInput,
  today: Date,
  isKnownCustomerToken: (token: string) => boolean,
): { ok: true; request: ValidAuthorizeEid } | { ok: false; messages: string[] } {
  const messages: string[] = []
  const userLanguageCode = blank(input.UserLanguageCode) ? "en-US" : input.UserLanguageCode.trim()
  const languageSupported = SUPPORTED_LANGUAGES[product].includes(userLanguageCode)
  if (!languageSupported) messages.push("Invalid or not supported UserLanguageCode.")
  const language = CHECKOUT2_LANGUAGES[userLanguageCode]?.language ?? "en"

  if (input.IsB2B === true) messages.push("Checkout site is not allowed to work with B2b.")

  let market: Market | undefined
  let canonicalIdentificationNumber: string | undefined
  if (blank(input.IdentificationNumber)) {
    messages.push("Identification Number should not be empty.")
  } else {
    const preferred = CHECKOUT2_LANGUAGES[userLanguageCode]?.market
    market =
      preferred && checkNationalId(preferred, input.IdentificationNumber, today).valid
        ? preferred
        : detectMarketOfNationalId(input.IdentificationNumber, today)
    if (market) canonicalIdentificationNumber = checkNationalId(market, input.IdentificationNumber, today).canonical
    else messages.push("SSN is invalid.")
  }

  if (tooLong(input.Description, 4000)) messages.push("Description must be between 0 and 4000 characters.")

  if (blank(input.Phone)) messages.push("Phone should not be empty.")
  else if (input.Phone.replace(/\s/g, "").length > 15) messages.push("Phone Number must be between 0 and 15 characters.")

  if (blank(input.Mail)) messages.push("E-mail should not be empty.")
  else {
    if (tooLong(input.Mail, 60)) messages.push("E-mail must be between 0 and 60 characters.")
    if (!EMAIL_FORMAT.test(input.Mail.trim())) messages.push("E-mail is not a valid email address.")
  }

  if (blank(input.InvoicingFirstName) || blank(input.InvoicingLastName)) messages.push("Name (in invoicing address) should not be empty.")
  if (tooLong(input.InvoicingFirstName, 40) || tooLong(input.InvoicingLastName, 40)) {
    messages.push("Name (in invoicing address) must be between 0 and 40 characters.")
  }
  if (blank(input.InvoicingAddressLine1)) messages.push("Address (in invoicing address) should not be empty.")
  if (tooLong(input.InvoicingAddressLine1, 40) || tooLong(input.InvoicingAddressLine2, 40)) {
    messages.push("Address (in invoicing address) must be between 0 and 40 characters.")
  }
  if (blank(input.InvoicingCity)) messages.push("City (in invoicing address) should not be empty.")
  else if (tooLong(input.InvoicingCity, 30)) messages.push("City (in invoicing address) must be between 0 and 30 characters.")
  if (blank(input.InvoicingZip)) messages.push("ZIP (in invoicing address) should not be empty.")
  else if (tooLong(input.InvoicingZip, 10)) messages.push("ZIP (in invoicing address) must be between 0 and 10 characters.")

  if (tooLong(input.DeliveryFirstName, 40) || tooLong(input.DeliveryLastName, 40)) {
    messages.push("Name (in delivery address) must be between 0 and 40 characters.")
  }
  if (tooLong(input.DeliveryAddressLine1, 40) || tooLong(input.DeliveryAddressLine2, 40)) {
    messages.push("Address (in delivery address) must be between 0 and 40 characters.")
  }
  if (tooLong(input.DeliveryCity, 30)) messages.push("City (in delivery address) must be between 0 and 30 characters.")
  if (tooLong(input.DeliveryZip, 10)) messages.push("ZIP (in delivery address) must be between 0 and 10 characters.")

  const rows = checkStandaloneItems(input.Items, messages)

  let priceMinor: number | undefined
  if (input.Price === undefined) messages.push("Price should not be empty.")
  else {
    priceMinor = toMinorUnits(input.Price)
    if (priceMinor === undefined) messages.push("The price can have a maximum of 2 decimal places.")
    else if (rows) {
      const sum = rowsTotalMinor(rows)
      if (priceMinor <= 0 || priceMinor < sum) {
        messages.push("Price must be either 0 (in case of no items), or greater than or equal to 0 and greater than or equal to sum of item prices.")
      } else if (priceMinor !== sum) {
        messages.push("Total price is not equal to sum of item prices")
      }
    }
  }

  if (blank(input.OrderReference)) messages.push("Order Reference should not be empty.")
  if (!blank(input.CustomerToken) && !isKnownCustomerToken(input.CustomerToken.trim())) messages.push("Customer Token is not valid.")
  if (input.Emailinvoice !== undefined && input.Emailinvoice !== 0 && input.Emailinvoice !== 1) {
    messages.push("EmailInvoice must be equal 0, 1 or empty")
  }
  if (!blank(input.TermsAndConditionsUrl) && !isHttpUrl(input.TermsAndConditionsUrl.trim())) {
    messages.push("TermsAndConditionsUrl is not in valid format")
  }
  if ((product === "loan" || product === "part-payment") && input.PaymentTerms === undefined) {
    messages.push("Payment Terms should not be empty.")
  }

  if (messages.length > 0 || !rows || priceMinor === undefined || !market || !canonicalIdentificationNumber) {
    return { ok: false, messages }
  }
  return {
    ok: true,
    request: { product, input, market, canonicalIdentificationNumber, language, userLanguageCode, rows, priceMinor },
  }
}
