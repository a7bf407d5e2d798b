/**
 * Builds the CheckOut2Api authorize body from the server-built credit application (the same one the
 * Authorization API uses: rows that add up exactly, ≤ 35-character texts) and the shop's settings.
 * `Price` is the sum of the items, computed in minor units.
 */
import { minorToDecimalNumber } from "../../money/minor-units"
import { sameCreditAddress, tidyCreditAddress, type CreditRequestAddress } from "../credit-address"
import type { CreditApplication } from "../credit-request-handoff"
import { rowsTotalMinor } from "../invoice-rows"
import { normalizePhone } from "../markets"
import type { StandaloneLanguage } from "./languages"
import { toStandaloneItems, type StandaloneAuthorizeRequest } from "./request"

export interface StandaloneShopFields {
  /** Merchant reference of the purchase (the plugin sends the Medusa payment-session id). */
  orderReference: string
  userLanguageCode: StandaloneLanguage
  /** A company purchase (only when the store allows B2B and the cart names a company). */
  companyName?: string
  /** true → `Emailinvoice: 1`, false → 0, undefined → not sent (Avarda keeps its setting). */
  emailInvoice?: boolean
  /** Loan and part payment. */
  paymentTerms?: number
  description?: string
  termsAndConditionsUrl?: string
}

type AddressFields = Pick<
  StandaloneAuthorizeRequest,
  "InvoicingFirstName" | "InvoicingLastName" | "InvoicingAddressLine1" | "InvoicingAddressLine2" | "InvoicingZip" | "InvoicingCity"
>

function addressFields(address: CreditRequestAddress): AddressFields {
  const tidy = tidyCreditAddress(address)
  return {
    InvoicingFirstName: tidy.firstName,
    InvoicingLastName: tidy.lastName,
    InvoicingAddressLine1: tidy.addressLine1,
    ...(tidy.addressLine2 ? { InvoicingAddressLine2: tidy.addressLine2 } : {}),
    InvoicingZip: tidy.zip,
    InvoicingCity: tidy.city,
  }
}

function deliveryFields(address: CreditRequestAddress): Partial<StandaloneAuthorizeRequest> {
  const fields = addressFields(address)
  return {
    DeliveryFirstName: fields.InvoicingFirstName,
    DeliveryLastName: fields.InvoicingLastName,
    DeliveryAddressLine1: fields.InvoicingAddressLine1,
    ...(fields.InvoicingAddressLine2 ? { DeliveryAddressLine2: fields.InvoicingAddressLine2 } : {}),
    DeliveryZip: fields.InvoicingZip,
    DeliveryCity: fields.InvoicingCity,
  }
}

export function buildStandaloneAuthorizeRequest(
  application: CreditApplication,
  personalIdNumber: string,
  shop: StandaloneShopFields
): StandaloneAuthorizeRequest {
  const delivery = application.deliveryAddress ?? application.invoicingAddress
  const companyName = shop.companyName?.trim()
  return {
    IdentificationNumber: personalIdNumber.trim(),
    ...(companyName ? { IsB2B: true, CompanyName: companyName } : {}),
    UserLanguageCode: shop.userLanguageCode,
    ...(shop.description ? { Description: shop.description } : {}),
    Price: minorToDecimalNumber(rowsTotalMinor(application.rows), application.currency),
    Phone: normalizePhone(application.phone),
    Mail: application.email.trim(),
    ...addressFields(application.invoicingAddress),
    ...deliveryFields(delivery),
    IsDeliveryEditable: false,
    UseDifferentDeliveryAddress: !sameCreditAddress(delivery, application.invoicingAddress),
    Items: toStandaloneItems(application.rows, application.currency),
    OrderReference: shop.orderReference,
    ...(shop.emailInvoice === undefined ? {} : { Emailinvoice: shop.emailInvoice ? 1 : 0 }),
    ...(shop.paymentTerms === undefined ? {} : { PaymentTerms: shop.paymentTerms }),
    ...(shop.termsAndConditionsUrl ? { TermsAndConditionsUrl: shop.termsAndConditionsUrl } : {}),
  }
}
