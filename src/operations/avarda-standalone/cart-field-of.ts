/** Names a CheckOut2 request field by what the storefront can fix: the body field or the cart field it came from. */
const ADDRESS_FIELDS: Record<string, string> = {
  FirstName: "first_name",
  LastName: "last_name",
  AddressLine1: "address_1",
  AddressLine2: "address_2",
  City: "city",
  Zip: "postal_code",
}

const DIRECT: Record<string, string> = {
  IdentificationNumber: "personal_id_number",
  PaymentTerms: "payment_terms",
  Phone: "billing_address.phone",
  Mail: "email",
  CompanyName: "billing_address.company",
  IsB2B: "billing_address.company",
  UserLanguageCode: "provider option language",
}

export function cartFieldOfStandalone(requestField: string): string {
  if (DIRECT[requestField]) return DIRECT[requestField]!
  const address = /^(Invoicing|Delivery)(\w+)$/.exec(requestField)
  if (address && ADDRESS_FIELDS[address[2]!]) {
    return `${address[1] === "Invoicing" ? "billing_address" : "shipping_address"}.${ADDRESS_FIELDS[address[2]!]}`
  }
  return `items (invoice row ${requestField})`
}
