/**
 * The shopper's address in a credit request, as both Avarda APIs receive it: the Authorization API
 * takes it in this shape, Standalone Credit spreads it over its `Invoicing…` and `Delivery…` fields.
 */
export interface CreditRequestAddress {
  firstName: string
  lastName: string
  addressLine1: string
  addressLine2?: string
  city: string
  zip: string
  /** ISO 3166-1 alpha-2, upper case (Avarda documents no format for it: assumption U14). */
  country: string
}

/** The address as it is sent: each field trimmed, an empty second line left out, the country upper case. */
export function tidyCreditAddress(address: CreditRequestAddress): CreditRequestAddress {
  const addressLine2 = address.addressLine2?.trim()
  return {
    firstName: address.firstName.trim(),
    lastName: address.lastName.trim(),
    addressLine1: address.addressLine1.trim(),
    ...(addressLine2 ? { addressLine2 } : {}),
    city: address.city.trim(),
    zip: address.zip.trim(),
    country: address.country.toUpperCase(),
  }
}

/** Whether two addresses are the same once tidied: a delivery address that is sends no delivery fields of its own. */
export function sameCreditAddress(a: CreditRequestAddress, b: CreditRequestAddress): boolean {
  // The tidied addresses list their fields in one order.
  return JSON.stringify(tidyCreditAddress(a)) === JSON.stringify(tidyCreditAddress(b))
}
