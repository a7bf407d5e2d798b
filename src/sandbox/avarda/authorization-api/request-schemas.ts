/**
 * Request bodies of the Authorization API, in two layers like the ASP.NET service: the zod shapes
 * below only check JSON types (a mismatch is a deserialization error); `rules.ts` then checks
 * required fields, lengths, enums and formats.
 */
import { z } from "zod"
import {
  collectKeys,
  dotnetArray,
  dotnetBool,
  dotnetDecimal,
  dotnetInt,
  dotnetObject,
  dotnetString,
  optional,
} from "../shared/dotnet-json"

export const PRODUCTS = ["invoice", "direct-invoice", "loan", "part-payment"] as const
export type AuthorizationProduct = (typeof PRODUCTS)[number]

export const itemSchema = dotnetObject(
  {
    description: optional(dotnetString()),
    notes: optional(dotnetString()),
    amount: optional(dotnetDecimal()),
    taxCode: optional(dotnetString()),
    taxAmount: optional(dotnetDecimal()),
    productGroup: optional(dotnetString()),
    quantity: optional(dotnetInt()),
  },
  "Avarda.AuthorizationApi.Item",
)
export type ItemInput = z.output<typeof itemSchema>

export const addressSchema = dotnetObject(
  {
    firstName: optional(dotnetString()),
    lastName: optional(dotnetString()),
    addressLine1: optional(dotnetString()),
    addressLine2: optional(dotnetString()),
    city: optional(dotnetString()),
    zip: optional(dotnetString()),
    country: optional(dotnetString()),
  },
  "Avarda.AuthorizationApi.Address",
)
export type AddressInput = z.output<typeof addressSchema>

export const customerSchema = dotnetObject(
  {
    identificationNumber: optional(dotnetString()),
    userLanguageCode: optional(dotnetInt()),
    phone: optional(dotnetString()),
    email: optional(dotnetString()),
  },
  "Avarda.AuthorizationApi.Customer",
)

/** One schema for the four products; product-specific rules live in rules.ts. */
export const createAuthorizationSchema = dotnetObject(
  {
    customer: optional(customerSchema),
    invoicingAddress: optional(addressSchema),
    deliveryAddress: optional(addressSchema),
    useDifferentDeliveryAddress: optional(dotnetBool()),
    items: optional(dotnetArray(itemSchema, "System.Collections.Generic.List`1[Avarda.AuthorizationApi.Item]")),
    orderReference: optional(dotnetString()),
    posId: optional(dotnetString()),
    description: optional(dotnetString()),
    emailInvoice: optional(dotnetBool()),
    forcedDistributionMethod: optional(dotnetInt()),
    loyaltyNumber: optional(dotnetString()),
    idValidationCallbackUrl: optional(dotnetString()),
    accountClassCode: optional(dotnetInt()),
    paymentTerms: optional(dotnetInt()),
    sendTermsAndConditions: optional(dotnetBool()),
  },
  "Avarda.AuthorizationApi.CreateAuthorizationRequest",
)
export type CreateAuthorizationInput = z.output<typeof createAuthorizationSchema>

/** Body of `/order` (capture) and `/return`. */
export const orderManagementSchema = dotnetObject(
  {
    items: optional(dotnetArray(itemSchema, "System.Collections.Generic.List`1[Avarda.AuthorizationApi.Item]")),
    orderReference: optional(dotnetString()),
    tranId: optional(dotnetString()),
    trackingCode: optional(dotnetString()),
    posId: optional(dotnetString()),
    productCode: optional(dotnetString()),
  },
  "Avarda.AuthorizationApi.OrderRequest",
)
export type OrderManagementInput = z.output<typeof orderManagementSchema>

export const cancelSchema = dotnetObject({ reason: optional(dotnetString()) }, "Avarda.AuthorizationApi.CancelRequest")
export type CancelInput = z.output<typeof cancelSchema>

export const AUTHORIZATION_API_KEYS: readonly string[] = [
  ...new Set([
    ...collectKeys(createAuthorizationSchema),
    ...collectKeys(orderManagementSchema),
    ...collectKeys(cancelSchema),
  ]),
]
