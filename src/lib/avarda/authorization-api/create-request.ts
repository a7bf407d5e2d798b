/** Builds the create-authorization body from a server-built credit application and shop settings. */
import { sameCreditAddress, tidyCreditAddress } from "../credit-address"
import type { CreditApplication } from "../credit-request-handoff"
import { userLanguageCodeOf } from "../markets"
import { normalizePhone } from "../markets"
import { toAvardaItems, type CreateAuthorizationRequest } from "./request"

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

export function buildCreateAuthorizationRequest(
  application: CreditApplication,
  personalIdNumber: string,
  shop: ShopRequestFields
): CreateAuthorizationRequest {
  const invoicingAddress = tidyCreditAddress(application.invoicingAddress)
  const delivery = application.deliveryAddress ? tidyCreditAddress(application.deliveryAddress) : undefined
  const differentDelivery = delivery !== undefined && !sameCreditAddress(delivery, invoicingAddress)
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
