/** Builds the create-authorization body from a server-built credit application and shop settings. */
import type { CreditApplication, CreditRequestAddress } from "../credit-request-handoff"
import { userLanguageCodeOf } from "../markets"
import { normalizePhone } from "../markets"
import { toAvardaItems, type AvardaAddress, type CreateAuthorizationRequest } from "./request"

export interface ShopRequestFields {
  orderReference: string
  posId: string
  idValidationCallbackUrl?: string
  description?: string
  emailInvoice?: boolean
  forcedDistributionMethod?: number
  /** Product-specific. */
  accountClassCode?: number
  paymentTerms?: number
  sendTermsAndConditions?: boolean
}

function toAvardaAddress(address: CreditRequestAddress): AvardaAddress {
  return {
    firstName: address.firstName.trim(),
    lastName: address.lastName.trim(),
    addressLine1: address.addressLine1.trim(),
    ...(address.addressLine2?.trim() ? { addressLine2: address.addressLine2.trim() } : {}),
    city: address.city.trim(),
    zip: address.zip.trim(),
    country: address.country.toUpperCase(),
  }
}

function sameAddress(a: AvardaAddress, b: AvardaAddress): boolean {
  return JSON.stringify(a) === JSON.stringify(b)
}

export function buildCreateAuthorizationRequest(
  application: CreditApplication,
  personalIdNumber: string,
  shop: ShopRequestFields
): CreateAuthorizationRequest {
  const invoicingAddress = toAvardaAddress(application.invoicingAddress)
  const delivery = application.deliveryAddress ? toAvardaAddress(application.deliveryAddress) : undefined
  const differentDelivery = delivery !== undefined && !sameAddress(delivery, invoicingAddress)
  const optional = <K extends keyof ShopRequestFields>(key: K) => (shop[key] === undefined ? {} : { [key]: shop[key] })
  return {
    customer: {
      identificationNumber: personalIdNumber.trim(),
      userLanguageCode: userLanguageCodeOf(application.market),
      phone: normalizePhone(application.phone),
      email: application.email.trim(),
    },
    invoicingAddress,
    ...(differentDelivery ? { deliveryAddress: delivery, useDifferentDeliveryAddress: true } : {}),
    items: toAvardaItems(application.rows, application.currency),
    orderReference: shop.orderReference,
    posId: shop.posId,
    ...optional("description"),
    ...optional("emailInvoice"),
    ...optional("forcedDistributionMethod"),
    ...optional("idValidationCallbackUrl"),
    ...optional("accountClassCode"),
    ...optional("paymentTerms"),
    ...optional("sendTermsAndConditions"),
  }
}
