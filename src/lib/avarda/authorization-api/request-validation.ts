/**
 * Every documented limit of a create-authorization request, checked before the
 * request leaves the server. Issues name the field and the rule and never quote the personal ID
 * number. Split in parts so the store route can check the cart-derived part before a session exists
 * and the provider checks the whole request.
 */
import { isHttpUrl } from "../../http/http-url"
import { hasAtMostDecimals } from "../../money/minor-units"
import { isPlausiblePhone, marketOfCountry, USER_LANGUAGE_CODES, zipRuleViolation, type AvardaMarket } from "../markets"
import { personalIdRuleViolation } from "../national-id"
import { PAYMENT_TERMS, type AuthorizationProduct, type AvardaAddress, type AvardaItem, type CreateAuthorizationRequest } from "./request"

export interface ValidationIssue {
  /** Path of the field in the request, e.g. "invoicingAddress.zip" or "items[2].description". */
  field: string
  message: string
}

export class CreditRequestInvalidError extends Error {
  constructor(readonly issues: ValidationIssue[]) {
    super(`Invalid credit request: ${issues.map((i) => `${i.field} ${i.message}`).join("; ")}`)
    this.name = "CreditRequestInvalidError"
  }
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

class Issues {
  readonly list: ValidationIssue[] = []
  add(field: string, message: string): void {
    this.list.push({ field, message })
  }
  text(field: string, value: string | undefined, rule: { required?: boolean; max?: number }): void {
    if (value === undefined || value.trim() === "") {
      if (rule.required) this.add(field, "is required")
      return
    }
    if (rule.max !== undefined && [...value].length > rule.max) this.add(field, `must be at most ${rule.max} characters (has ${[...value].length})`)
  }
}

function checkAddress(issues: Issues, prefix: string, address: AvardaAddress | undefined, market: AvardaMarket | undefined): void {
  if (!address) {
    issues.add(prefix, "is required")
    return
  }
  issues.text(`${prefix}.firstName`, address.firstName, { required: true, max: 40 })
  issues.text(`${prefix}.lastName`, address.lastName, { required: true, max: 40 })
  issues.text(`${prefix}.addressLine1`, address.addressLine1, { required: true, max: 40 })
  issues.text(`${prefix}.addressLine2`, address.addressLine2, { max: 40 })
  issues.text(`${prefix}.city`, address.city, { required: true, max: 30 })
  issues.text(`${prefix}.zip`, address.zip, { required: true })
  if (address.zip?.trim() && market) {
    const violation = zipRuleViolation(market, address.zip)
    if (violation) issues.add(`${prefix}.zip`, violation)
  }
  if (!marketOfCountry(address.country)) issues.add(`${prefix}.country`, "must be one of SE, FI, NO, DK (the markets Avarda serves)")
}

/** Customer and addresses; `market` is the invoicing country's. */
export function customerIssues(request: Pick<CreateAuthorizationRequest, "customer" | "invoicingAddress" | "deliveryAddress" | "useDifferentDeliveryAddress">): ValidationIssue[] {
  const issues = new Issues()
  const market = marketOfCountry(request.invoicingAddress?.country)
  const customer = request.customer
  if (!customer) {
    issues.add("customer", "is required")
  } else {
    if (!customer.identificationNumber?.trim()) issues.add("customer.identificationNumber", "is required")
    else if (market) {
      const violation = personalIdRuleViolation(market, customer.identificationNumber)
      if (violation) issues.add("customer.identificationNumber", violation)
    }
    if (!USER_LANGUAGE_CODES.includes(customer.userLanguageCode)) {
      issues.add("customer.userLanguageCode", `must be one of ${USER_LANGUAGE_CODES.join(", ")}`)
    }
    issues.text("customer.phone", customer.phone, { required: true, max: 15 })
    if (customer.phone?.trim() && !isPlausiblePhone(customer.phone)) issues.add("customer.phone", "must be a phone number of 6 to 15 digits")
    issues.text("customer.email", customer.email, { required: true, max: 60 })
    if (customer.email?.trim() && !EMAIL.test(customer.email.trim())) issues.add("customer.email", "must be an e-mail address")
  }
  checkAddress(issues, "invoicingAddress", request.invoicingAddress, market)
  if (request.useDifferentDeliveryAddress || request.deliveryAddress) {
    checkAddress(issues, "deliveryAddress", request.deliveryAddress, marketOfCountry(request.deliveryAddress?.country) ?? market)
  }
  return issues.list
}

/** Item rules shared by create, capture (`/order`) and return. */
export function itemIssues(items: readonly AvardaItem[] | undefined, options: { totalMustBePositive: boolean } = { totalMustBePositive: true }): ValidationIssue[] {
  const issues = new Issues()
  if (!items || items.length === 0) {
    issues.add("items", "must contain at least one row")
    return issues.list
  }
  let totalCents = 0
  items.forEach((item, i) => {
    const key = `items[${i}]`
    issues.text(`${key}.description`, item.description, { required: true, max: 35 })
    issues.text(`${key}.notes`, item.notes, { max: 35 })
    issues.text(`${key}.taxCode`, item.taxCode, { max: 20 })
    issues.text(`${key}.productGroup`, item.productGroup, { max: 50 })
    if (!Number.isFinite(item.amount) || !hasAtMostDecimals(item.amount, 2)) issues.add(`${key}.amount`, "must be a number with at most 2 decimals")
    if (item.taxAmount !== undefined) {
      if (!Number.isFinite(item.taxAmount) || !hasAtMostDecimals(item.taxAmount, 2)) issues.add(`${key}.taxAmount`, "must be a number with at most 2 decimals")
      else if (item.taxAmount < 0) issues.add(`${key}.taxAmount`, "must be zero or positive")
    }
    if (item.taxCode !== undefined && !/^\d+(?:\.\d+)?$/.test(item.taxCode)) issues.add(`${key}.taxCode`, "must be a VAT rate in percent, e.g. 25")
    const quantity = item.quantity ?? 1
    if (!Number.isInteger(quantity) || quantity < 1) issues.add(`${key}.quantity`, "must be a whole number of at least 1")
    totalCents += Math.round(item.amount * 100) * quantity
  })
  if (options.totalMustBePositive && issues.list.length === 0 && totalCents <= 0) issues.add("items", "must add up to a positive total")
  return issues.list
}

/** Everything: customer, addresses, items, order fields and the product's own fields. */
export function createRequestIssues(product: AuthorizationProduct, request: CreateAuthorizationRequest): ValidationIssue[] {
  const issues = new Issues()
  issues.list.push(...customerIssues(request), ...itemIssues(request.items))
  issues.text("orderReference", request.orderReference, { required: true, max: 50 })
  issues.text("posId", request.posId, { required: true, max: 10 })
  issues.text("description", request.description, { max: 100 })
  issues.text("loyaltyNumber", request.loyaltyNumber, { max: 10 })
  if (request.forcedDistributionMethod !== undefined && ![1, 2, 3, 4].includes(request.forcedDistributionMethod)) {
    issues.add("forcedDistributionMethod", "must be 1, 2, 3 or 4")
  }
  if (request.idValidationCallbackUrl !== undefined && !isHttpUrl(request.idValidationCallbackUrl)) {
    issues.add("idValidationCallbackUrl", "must be an absolute http(s) URL")
  }
  if (product === "loan" || product === "part-payment") {
    if (request.paymentTerms === undefined) issues.add("paymentTerms", `is required for ${product}`)
    else if (!PAYMENT_TERMS.includes(request.paymentTerms)) issues.add("paymentTerms", `must be one of ${PAYMENT_TERMS.join(", ")} months`)
  }
  if (product === "part-payment" && request.accountClassCode === undefined) issues.add("accountClassCode", "is required for part-payment")
  if (request.accountClassCode !== undefined && (!Number.isInteger(request.accountClassCode) || request.accountClassCode <= 0)) {
    issues.add("accountClassCode", "must be a positive whole number")
  }
  return issues.list
}

export function assertValidCreateRequest(product: AuthorizationProduct, request: CreateAuthorizationRequest): void {
  const issues = createRequestIssues(product, request)
  if (issues.length) throw new CreditRequestInvalidError(issues)
}

