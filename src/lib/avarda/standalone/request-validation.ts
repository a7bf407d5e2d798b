/**
 * Every rule of the vendor's CheckOut2Api error list (S:002) checked before a request
 * leaves the server. Each issue names the PascalCase field, says the rule in plain words and keeps
 * Avarda's own message. Issues never quote a value: the personal ID number, names and addresses are
 * personal data.
 *
 * Two messages cannot be decided locally and are only explained when Avarda sends them (see
 * `errors.ts`): "Site has no invoice account class associated." (Avarda's site set-up) and whether a
 * "Customer Token" is known to Avarda (the plugin never sends one; a given token is format-checked).
 * Where the list and the parameter table disagree the stricter limit applies: names ≤ 40 (not
 * 100), zip ≤ 10 and in the market's format (which is at most 6 characters).
 */
import { isHttpUrl } from "../../http/http-url"
import { hasAtMostDecimals } from "../../money/minor-units"
import { zipRuleViolation, type AvardaMarket } from "../markets"
import { personalIdRuleViolation } from "../national-id"
import { LANGUAGES_BY_PRODUCT } from "./languages"
import type {
  StandaloneAuthorizeRequest,
  StandaloneCancelPaymentRequest,
  StandaloneItem,
  StandaloneOrderRequest,
  StandaloneProduct,
  StandaloneRefundRemainingRequest,
  StandaloneRefundRequest,
} from "./request"

export interface StandaloneValidationIssue {
  /** PascalCase path in the request, e.g. "InvoicingZip" or "Items[2].Description". */
  field: string
  /** The rule, in plain words. */
  message: string
  /** Avarda's message for the same rule, where the vendor page lists one. */
  vendorMessage?: string
}

export interface AuthorizeValidationContext {
  product: StandaloneProduct
  /** Market of the invoicing address (decides the SSN and zip formats). */
  market: AvardaMarket
  /** The store enabled B2B purchases (Avarda must have enabled it for the site too). */
  b2bAllowed: boolean
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/
const blank = (value: string | undefined | null): boolean => value === undefined || value === null || value.trim() === ""
const length = (value: string | undefined | null): number => (value ? [...value].length : 0)

class Issues {
  readonly list: StandaloneValidationIssue[] = []
  add(field: string, message: string, vendorMessage?: string): void {
    this.list.push({ field, message, ...(vendorMessage ? { vendorMessage } : {}) })
  }
  required(field: string, value: string | undefined | null, vendorMessage?: string): boolean {
    if (!blank(value)) return true
    this.add(field, "is required", vendorMessage)
    return false
  }
  max(field: string, value: string | undefined | null, max: number, vendorMessage?: string): void {
    if (length(value) > max) this.add(field, `must be at most ${max} characters (has ${length(value)})`, vendorMessage)
  }
}

/** Item rules shared by the authorize and the PurchaseOrder / ReturnOrder calls; returns the items' sum in cents when all amounts are valid. */
function checkItems(issues: Issues, items: readonly StandaloneItem[] | undefined): number | undefined {
  if (!items || items.length === 0) {
    issues.add("Items", "must contain at least one row", "Items List must contain at least one item.")
    return undefined
  }
  let cents = 0
  let amountsValid = true
  items.forEach((item, i) => {
    const key = `Items[${i}]`
    if (blank(item.Description) || length(item.Description) > 35) {
      issues.add(
        `${key}.Description`,
        blank(item.Description) ? "is required" : `must be at most 35 characters (has ${length(item.Description)})`,
        "Item description must be specified and must not be longer than 35 characters or empty."
      )
    }
    issues.max(`${key}.Notes`, item.Notes, 35, "Item notes must not be longer than 35 characters.")
    if (item.Amount === undefined || item.Amount === null || !Number.isFinite(item.Amount)) {
      issues.add(`${key}.Amount`, "is required", "Item Amount must be specified.")
      amountsValid = false
    } else if (!hasAtMostDecimals(item.Amount, 2)) {
      issues.add(`${key}.Amount`, "must have at most 2 decimals", "The items amount can have a maximum of 2 decimal places.")
      amountsValid = false
    } else {
      cents += Math.round(item.Amount * 100)
    }
    if (item.TaxAmount !== undefined && item.TaxAmount !== null && (!Number.isFinite(item.TaxAmount) || !hasAtMostDecimals(item.TaxAmount, 2))) {
      issues.add(`${key}.TaxAmount`, "must have at most 2 decimals", "The items tax amount can have a maximum of 2 decimal places.")
    }
  })
  return amountsValid ? cents : undefined
}

function checkAddress(issues: Issues, request: StandaloneAuthorizeRequest, kind: "Invoicing" | "Delivery", market: AvardaMarket): void {
  const where = kind === "Invoicing" ? "in invoicing address" : "in delivery address"
  const field = (name: string) => `${kind}${name}` as keyof StandaloneAuthorizeRequest
  const value = (name: string) => request[field(name)] as string | undefined
  const required = kind === "Invoicing"
  if (required && (blank(value("FirstName")) || blank(value("LastName")))) {
    for (const name of ["FirstName", "LastName"]) {
      if (blank(value(name))) issues.add(field(name), "is required", `Name (${where}) should not be empty.`)
    }
  }
  for (const name of ["FirstName", "LastName"]) issues.max(field(name), value(name), 40, `Name (${where}) must be between 0 and 40 characters.`)
  if (required) issues.required(field("AddressLine1"), value("AddressLine1"), `Address (${where}) should not be empty.`)
  for (const name of ["AddressLine1", "AddressLine2"]) issues.max(field(name), value(name), 40, `Address (${where}) must be between 0 and 40 characters.`)
  if (!required || issues.required(field("City"), value("City"), `City (${where}) should not be empty.`)) {
    issues.max(field("City"), value("City"), 30, `City (${where}) must be between 0 and 30 characters.`)
  }
  if (!required || issues.required(field("Zip"), value("Zip"), `ZIP (${where}) should not be empty.`)) {
    const zip = value("Zip")
    const zipMessage = `ZIP (${where}) must be between 0 and 10 characters.`
    issues.max(field("Zip"), zip, 10, zipMessage)
    const violation = !blank(zip) && length(zip) <= 10 ? zipRuleViolation(market, zip!) : undefined
    if (violation) issues.add(field("Zip"), violation)
  }
}

/** Every issue of an authorize request (`AuthorizeInvoiceEID` and its siblings). */
export function authorizeRequestIssues(request: StandaloneAuthorizeRequest, context: AuthorizeValidationContext): StandaloneValidationIssue[] {
  const issues = new Issues()

  if (issues.required("IdentificationNumber", request.IdentificationNumber, "Identification Number should not be empty.")) {
    const violation = personalIdRuleViolation(context.market, request.IdentificationNumber)
    if (violation) issues.add("IdentificationNumber", violation, "SSN is invalid.")
  }
  if (request.IsB2B) {
    if (!context.b2bAllowed) {
      issues.add("IsB2B", "is not enabled for this store (option b2b.allowed)", "Checkout site is not allowed to work with B2b.")
    }
    if (blank(request.CompanyName)) issues.add("CompanyName", "is required for a company (B2B) purchase")
  }
  if (!(LANGUAGES_BY_PRODUCT[context.product] as readonly string[]).includes(request.UserLanguageCode ?? "")) {
    issues.add(
      "UserLanguageCode",
      `must be one of ${LANGUAGES_BY_PRODUCT[context.product].join(", ")} for ${context.product}`,
      "Invalid or not supported UserLanguageCode."
    )
  }
  issues.max("Description", request.Description, 4000, "Description must be between 0 and 4000 characters.")

  if (issues.required("Phone", request.Phone, "Phone should not be empty.")) {
    const digits = request.Phone.replace(/\s/g, "").length
    if (digits > 15) issues.add("Phone", `must be at most 15 characters without spaces (has ${digits})`, "Phone Number must be between 0 and 15 characters.")
  }
  if (issues.required("Mail", request.Mail, "E-mail should not be empty.")) {
    issues.max("Mail", request.Mail, 60, "E-mail must be between 0 and 60 characters.")
    if (!EMAIL.test(request.Mail.trim())) issues.add("Mail", "must be an e-mail address", "E-mail is not a valid email address.")
  }

  checkAddress(issues, request, "Invoicing", context.market)
  checkAddress(issues, request, "Delivery", context.market)

  const itemsCents = checkItems(issues, request.Items)
  if (request.Price === undefined || request.Price === null || !Number.isFinite(request.Price)) {
    issues.add("Price", "is required", "Price should not be empty.")
  } else if (!hasAtMostDecimals(request.Price, 2)) {
    issues.add("Price", "must have at most 2 decimals", "The price can have a maximum of 2 decimal places.")
  } else if (itemsCents !== undefined) {
    const priceCents = Math.round(request.Price * 100)
    if (priceCents <= 0 || priceCents < itemsCents) {
      issues.add(
        "Price",
        "must be greater than 0 and at least the sum of the items",
        "Price must be either 0 (in case of no items), or greater than or equal to 0 and greater than or equal to sum of item prices."
      )
    } else if (priceCents !== itemsCents) {
      issues.add("Price", "must equal the sum of the items' amounts", "Total price is not equal to sum of item prices")
    }
  }

  issues.required("OrderReference", request.OrderReference, "Order Reference should not be empty.")
  if (request.CustomerToken !== undefined && (blank(request.CustomerToken) || /\s/.test(request.CustomerToken.trim()))) {
    issues.add("CustomerToken", "must be a token Avarda issued (no spaces), or left out", "Customer Token is not valid.")
  }
  if (request.Emailinvoice !== undefined && request.Emailinvoice !== null && request.Emailinvoice !== 0 && request.Emailinvoice !== 1) {
    issues.add("Emailinvoice", "must be 0, 1 or left out", "EmailInvoice must be equal 0, 1 or empty")
  }
  if (request.TermsAndConditionsUrl !== undefined && !isHttpUrl(request.TermsAndConditionsUrl)) {
    issues.add("TermsAndConditionsUrl", "must be an absolute http(s) URL", "TermsAndConditionsUrl is not in valid format")
  }
  if ((context.product === "loan" || context.product === "part-payment") && !(Number.isInteger(request.PaymentTerms) && request.PaymentTerms! > 0)) {
    issues.add("PaymentTerms", `is required for ${context.product} (a whole number of months)`, "Payment Terms should not be empty.")
  }
  return issues.list
}

const INVALID_EXTERNAL_ID = "Invalid or missing external ID."

function checkTranId(issues: Issues, tranId: string | undefined): void {
  issues.max("TranId", tranId, 36)
}

/** `PurchaseOrder` / `ReturnOrder`: purchase id, items (their sum positive), TranId ≤ 36. */
export function orderRequestIssues(request: StandaloneOrderRequest): StandaloneValidationIssue[] {
  const issues = new Issues()
  issues.required("ExternalId", request.ExternalId, INVALID_EXTERNAL_ID)
  const cents = checkItems(issues, request.Items)
  if (cents !== undefined && cents <= 0) issues.add("Items", "must add up to a positive total")
  checkTranId(issues, request.TranId)
  return issues.list
}

/** `Refund` of an amount. */
export function refundRequestIssues(request: StandaloneRefundRequest): StandaloneValidationIssue[] {
  const issues = new Issues()
  issues.required("ExternalId", request.ExternalId, INVALID_EXTERNAL_ID)
  if (request.Amount === undefined || request.Amount === null || !Number.isFinite(request.Amount)) {
    issues.add("Amount", "is required", "Amount can’t be empty!")
  } else if (!hasAtMostDecimals(request.Amount, 2)) {
    issues.add("Amount", "must have at most 2 decimals")
  } else if (request.Amount <= 0) {
    issues.add("Amount", "must be greater than 0")
  }
  checkTranId(issues, request.TranId)
  return issues.list
}

/** `RefundRemaining`: purchase id and order reference are mandatory. */
export function refundRemainingRequestIssues(request: StandaloneRefundRemainingRequest): StandaloneValidationIssue[] {
  const issues = new Issues()
  issues.required("ExternalId", request.ExternalId, INVALID_EXTERNAL_ID)
  issues.required("OrderReference", request.OrderReference, "Order Reference should not be empty.")
  checkTranId(issues, request.TranId)
  return issues.list
}

/** `CancelPayment`: purchase id and reason are mandatory. */
export function cancelPaymentRequestIssues(request: StandaloneCancelPaymentRequest): StandaloneValidationIssue[] {
  const issues = new Issues()
  issues.required("ExternalId", request.ExternalId, INVALID_EXTERNAL_ID)
  issues.required("Reason", request.Reason)
  return issues.list
}
