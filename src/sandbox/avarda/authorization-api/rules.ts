/**
 * Field rules of the Authorization API (create and order management): required fields, lengths, enums,
 * decimals, per-market formats. Messages follow ASP.NET DataAnnotations wording; keys are
 * model-state keys such as "Customer.Phone" or "Items[0].Amount".
 */
import { isHttpUrl } from "../../core/http-url"
import { isValidPhone, isValidZip, marketOfCountry, marketOfUserLanguageCode, USER_LANGUAGE_CODES } from "../shared/markets"
import { toMinorUnits } from "../shared/money"
import { checkNationalId, detectMarketOfNationalId, type Market } from "../shared/national-id"
import type { DecimalInput } from "../shared/dotnet-json"
import type { InvoiceRow } from "../shared/invoice-rows"
import { rowsTotalMinor } from "../shared/invoice-rows"
import { ValidationErrors } from "../shared/validation-errors"
import type { AddressInput, AuthorizationProduct, CancelInput, CreateAuthorizationInput, ItemInput, OrderManagementInput } from "./request-schemas"

export const PAYMENT_TERMS = [3, 6, 12, 24, 36, 48, 72] as const
export const FORCED_DISTRIBUTION_METHODS = [1, 2, 3, 4] as const

export const required = (field: string) => `The ${field} field is required.`
export const maxLength = (field: string, length: number) => `The field ${field} must be a string with a maximum length of ${length}.`
const isBlank = (value: string | undefined): value is undefined => value === undefined || value.trim() === ""

function checkString(
  errors: ValidationErrors,
  key: string,
  field: string,
  value: string | undefined,
  options: { required?: boolean; max?: number },
): void {
  if (isBlank(value)) {
    if (options.required) errors.add(key, required(field))
    return
  }
  if (options.max !== undefined && value.length > options.max) errors.add(key, maxLength(field, options.max))
}

function checkAddress(errors: ValidationErrors, prefix: string, address: AddressInput, market: Market | undefined): void {
  checkString(errors, `${prefix}.FirstName`, "FirstName", address.firstName, { required: true, max: 40 })
  checkString(errors, `${prefix}.LastName`, "LastName", address.lastName, { required: true, max: 40 })
  checkString(errors, `${prefix}.AddressLine1`, "AddressLine1", address.addressLine1, { required: true, max: 40 })
  checkString(errors, `${prefix}.AddressLine2`, "AddressLine2", address.addressLine2, { max: 40 })
  checkString(errors, `${prefix}.City`, "City", address.city, { required: true, max: 30 })
  if (isBlank(address.zip)) errors.add(`${prefix}.Zip`, required("Zip"))
  else if (market && !isValidZip(market, address.zip)) errors.add(`${prefix}.Zip`, `The Zip '${address.zip}' is not a valid zip code for market ${market}.`)
  if (address.country !== undefined && !/^[A-Za-z]{2}$/.test(address.country.trim())) {
    errors.add(`${prefix}.Country`, "The field Country must be an ISO 3166-1 alpha-2 country code.")
  }
}

function decimalMinor(errors: ValidationErrors, key: string, field: string, value: DecimalInput): number | undefined {
  const minor = toMinorUnits(value.text)
  if (minor === undefined) errors.add(key, `The field ${field} can have a maximum of 2 decimal places.`)
  return minor
}

/** Item rules shared by create, order and return; returns the rows when every item is valid. */
function checkItems(errors: ValidationErrors, items: ItemInput[] | undefined): InvoiceRow[] | undefined {
  if (items === undefined || items.length === 0) {
    errors.add("Items", required("Items"))
    return undefined
  }
  const rows: InvoiceRow[] = []
  let allValid = true
  items.forEach((item, index) => {
    const key = `Items[${index}]`
    const before = errors.messages().length
    checkString(errors, `${key}.Description`, "Description", item.description, { required: true, max: 35 })
    checkString(errors, `${key}.Notes`, "Notes", item.notes, { max: 35 })
    checkString(errors, `${key}.TaxCode`, "TaxCode", item.taxCode, { max: 20 })
    checkString(errors, `${key}.ProductGroup`, "ProductGroup", item.productGroup, { max: 50 })
    let unitAmountMinor: number | undefined
    if (item.amount === undefined) errors.add(`${key}.Amount`, required("Amount"))
    else unitAmountMinor = decimalMinor(errors, `${key}.Amount`, "Amount", item.amount)
    let unitTaxMinor: number | undefined = 0
    if (item.taxAmount !== undefined) {
      unitTaxMinor = decimalMinor(errors, `${key}.TaxAmount`, "TaxAmount", item.taxAmount)
      if (unitTaxMinor !== undefined && unitTaxMinor < 0) errors.add(`${key}.TaxAmount`, "The field TaxAmount must be zero or positive.")
    }
    const quantity = item.quantity ?? 1
    if (quantity < 1) errors.add(`${key}.Quantity`, "The field Quantity must be between 1 and 2147483647.")
    if (errors.messages().length !== before || unitAmountMinor === undefined || unitTaxMinor === undefined) {
      allValid = false
      return
    }
    rows.push({
      description: item.description!,
      ...(isBlank(item.notes) ? {} : { notes: item.notes }),
      unitAmountMinor,
      quantity,
      ...(isBlank(item.taxCode) ? {} : { taxCode: item.taxCode }),
      unitTaxMinor,
    })
  })
  if (!allValid) return undefined
  if (rowsTotalMinor(rows) <= 0) {
    errors.add("Items", "The total sum of all items must be positive.")
    return undefined
  }
  return rows
}

export interface ValidCreateRequest {
  product: AuthorizationProduct
  input: CreateAuthorizationInput
  identificationNumber: string
  /** Canonical personal identity number (market-specific), the shopper key across purchases. */
  canonicalIdentificationNumber: string
  market: Market
  userLanguageCode: number
  rows: InvoiceRow[]
  totalMinor: number
  mockMode: boolean
}

/**
 * The market whose SSN / phone / zip formats apply: the invoicing address `country` (assumption U14),
 * else the customer's language (208/246/578/752), else the format of the personal number itself.
 */
export function marketOfRequest(input: CreateAuthorizationInput, today: Date): Market | undefined {
  const fromCountry = marketOfCountry(input.invoicingAddress?.country)
  if (fromCountry) return fromCountry
  const fromLanguage = input.customer?.userLanguageCode === undefined ? undefined : marketOfUserLanguageCode(input.customer.userLanguageCode)
  if (fromLanguage) return fromLanguage
  const ssn = input.customer?.identificationNumber
  return ssn === undefined ? undefined : detectMarketOfNationalId(ssn, today)
}

export function validateCreateAuthorization(
  product: AuthorizationProduct,
  input: CreateAuthorizationInput,
  today: Date,
): { ok: true; request: ValidCreateRequest } | { ok: false; errors: Record<string, string[]> } {
  const errors = new ValidationErrors()
  const market = marketOfRequest(input, today)
  const customer = input.customer
  let canonicalIdentificationNumber: string | undefined
  if (customer === undefined) {
    errors.add("Customer", required("Customer"))
  } else {
    const ssn = customer.identificationNumber
    if (isBlank(ssn)) {
      errors.add("Customer.IdentificationNumber", required("IdentificationNumber"))
    } else {
      const check = market ? checkNationalId(market, ssn, today) : { valid: false as const }
      if (check.valid) canonicalIdentificationNumber = check.canonical
      else errors.add("Customer.IdentificationNumber", `The IdentificationNumber '${ssn}' is not a valid personal identity number${market ? ` for market ${market}` : ""}.`)
    }
    if (customer.userLanguageCode === undefined) errors.add("Customer.UserLanguageCode", required("UserLanguageCode"))
    else if (!(USER_LANGUAGE_CODES as readonly number[]).includes(customer.userLanguageCode)) {
      errors.add("Customer.UserLanguageCode", "The field UserLanguageCode is invalid. Allowed values: 208, 246, 578, 752, 826.")
    }
    checkString(errors, "Customer.Phone", "Phone", customer.phone, { required: true, max: 15 })
    if (!errors.has("Customer.Phone") && market && !isValidPhone(market, customer.phone!)) {
      errors.add("Customer.Phone", `The Phone '${customer.phone}' is not a valid mobile phone number for market ${market}.`)
    }
    checkString(errors, "Customer.Email", "Email", customer.email, { required: true, max: 60 })
  }

  if (input.invoicingAddress === undefined) errors.add("InvoicingAddress", required("InvoicingAddress"))
  else checkAddress(errors, "InvoicingAddress", input.invoicingAddress, market)
  if (input.useDifferentDeliveryAddress === true && input.deliveryAddress === undefined) {
    errors.add("DeliveryAddress", "The DeliveryAddress field is required when UseDifferentDeliveryAddress is true.")
  } else if (input.deliveryAddress !== undefined) {
    checkAddress(errors, "DeliveryAddress", input.deliveryAddress, market)
  }

  const rows = checkItems(errors, input.items)
  checkString(errors, "OrderReference", "OrderReference", input.orderReference, { required: true, max: 50 })
  checkString(errors, "PosId", "PosId", input.posId, { required: true, max: 10 })
  checkString(errors, "Description", "Description", input.description, { max: 100 })
  checkString(errors, "LoyaltyNumber", "LoyaltyNumber", input.loyaltyNumber, { max: 10 })
  if (
    input.forcedDistributionMethod !== undefined &&
    !(FORCED_DISTRIBUTION_METHODS as readonly number[]).includes(input.forcedDistributionMethod)
  ) {
    errors.add("ForcedDistributionMethod", "The field ForcedDistributionMethod is invalid. Allowed values: 1, 2, 3, 4.")
  }
  if (input.idValidationCallbackUrl !== undefined && !isHttpUrl(input.idValidationCallbackUrl)) {
    errors.add("IdValidationCallbackUrl", "The field IdValidationCallbackUrl must be an absolute http or https URL.")
  }

  if (product === "loan" || product === "part-payment") {
    if (input.paymentTerms === undefined) errors.add("PaymentTerms", required("PaymentTerms"))
    else if (!(PAYMENT_TERMS as readonly number[]).includes(input.paymentTerms)) {
      errors.add("PaymentTerms", "The field PaymentTerms is invalid. Allowed values: 3, 6, 12, 24, 36, 48, 72.")
    }
  }
  if (product === "part-payment" && input.accountClassCode === undefined) errors.add("AccountClassCode", required("AccountClassCode"))
  if (input.accountClassCode !== undefined && input.accountClassCode <= 0) {
    errors.add("AccountClassCode", "The field AccountClassCode must be a positive number.")
  }

  if (!errors.isEmpty || !rows || canonicalIdentificationNumber === undefined || !market) {
    return { ok: false, errors: errors.toRecord() }
  }
  return {
    ok: true,
    request: {
      product,
      input,
      identificationNumber: customer!.identificationNumber!,
      canonicalIdentificationNumber,
      market,
      userLanguageCode: customer!.userLanguageCode!,
      rows,
      totalMinor: rowsTotalMinor(rows),
      mockMode: rows.some((row) => row.description === "MockForTest"),
    },
  }
}

export interface ValidOrderManagementRequest {
  rows: InvoiceRow[]
  totalMinor: number
  orderReference: string
  tranId?: string
  trackingCode?: string
}

export function validateOrderManagement(
  input: OrderManagementInput,
): { ok: true; request: ValidOrderManagementRequest } | { ok: false; errors: Record<string, string[]> } {
  const errors = new ValidationErrors()
  const rows = checkItems(errors, input.items)
  checkString(errors, "OrderReference", "OrderReference", input.orderReference, { required: true, max: 50 })
  checkString(errors, "TranId", "TranId", input.tranId, { max: 36 })
  checkString(errors, "PosId", "PosId", input.posId, { max: 10 })
  if (!errors.isEmpty || !rows) return { ok: false, errors: errors.toRecord() }
  return {
    ok: true,
    request: {
      rows,
      totalMinor: rowsTotalMinor(rows),
      orderReference: input.orderReference!,
      ...(isBlank(input.tranId) ? {} : { tranId: input.tranId }),
      ...(isBlank(input.trackingCode) ? {} : { trackingCode: input.trackingCode }),
    },
  }
}

export function validateCancel(input: CancelInput): { ok: true; reason: string } | { ok: false; errors: Record<string, string[]> } {
  if (isBlank(input.reason)) return { ok: false, errors: { Reason: [required("Reason")] } }
  return { ok: true, reason: input.reason }
}

