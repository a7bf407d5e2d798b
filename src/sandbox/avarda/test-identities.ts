/**
 * Named test shoppers: the personal identity number alone decides the outcome of a credit
 * request in the sandbox (Authorization API and CheckOut2Api), so tests need no magic totals.
 * Every number has a valid format for its market. Any other valid number is approved.
 */
import type { Market } from "./shared/national-id"

export type AvardaTestOutcome =
  /** 201 Created (CheckOut2: approved without electronic ID). */
  | "approved"
  /** 202 Accepted + redirectUrl; "Identify" on the ID page approves (CheckOut2: IsElectronicValidationNeeded). */
  | "idValidationRequired"
  /** 422, errorCode 1 (CheckOut2: 30154 CreditNotApproved). */
  | "rejectedCreditNotApproved"
  /** 422, errorCode 3: name/address does not match the population register. */
  | "rejectedAddressMismatch"
  /** 422, errorCode 4: amount. */
  | "rejectedAmount"
  /** 422, errorCode 5: invalid personal identity number. */
  | "rejectedInvalidIdentity"
  /** 500, errorCode 101: internal error (status 3). */
  | "technicalError"
  /** 500, errorCode 100: service timeout (status 3). */
  | "serviceTimeout"
  /** 202; even "Identify" fails: errorCode 51 (ID validation failed at the provider). */
  | "idValidationFailsAtProvider"
  /** 202; even "Identify" fails: errorCode 52 (authenticated with a different SSN). */
  | "idValidationDifferentPerson"

export const AVARDA_TEST_IDENTITIES: Readonly<Record<Market, Readonly<Record<AvardaTestOutcome, string>>>> = {
  SE: {
    approved: "198005012003",
    idValidationRequired: "198005022002",
    rejectedCreditNotApproved: "198005032001",
    rejectedAddressMismatch: "198005042000",
    rejectedAmount: "198005052009",
    rejectedInvalidIdentity: "198005062008",
    technicalError: "198005072007",
    serviceTimeout: "198005082006",
    idValidationFailsAtProvider: "198005092005",
    idValidationDifferentPerson: "198005102002",
  },
  FI: {
    approved: "010580-100J",
    idValidationRequired: "020580-104A",
    rejectedCreditNotApproved: "030580-100U",
    rejectedAddressMismatch: "040580-100F",
    rejectedAmount: "050580-106A",
    rejectedInvalidIdentity: "060580-100S",
    technicalError: "070580-100D",
    serviceTimeout: "080580-108A",
    idValidationFailsAtProvider: "090580-100P",
    idValidationDifferentPerson: "100580-100B",
  },
  NO: {
    approved: "01058010088",
    idValidationRequired: "02058010017",
    rejectedCreditNotApproved: "03058010056",
    rejectedAddressMismatch: "04058010095",
    rejectedAmount: "05058010024",
    rejectedInvalidIdentity: "06058010063",
    technicalError: "07058010183",
    serviceTimeout: "08058010031",
    idValidationFailsAtProvider: "09058010070",
    idValidationDifferentPerson: "10058010281",
  },
  DK: {
    approved: "010580-1000",
    idValidationRequired: "020580-1000",
    rejectedCreditNotApproved: "030580-1000",
    rejectedAddressMismatch: "040580-1000",
    rejectedAmount: "050580-1000",
    rejectedInvalidIdentity: "060580-1001",
    technicalError: "070580-1000",
    serviceTimeout: "080580-1000",
    idValidationFailsAtProvider: "090580-1000",
    idValidationDifferentPerson: "100580-1000",
  },
}

/** Contact data that passes the market's phone and zip checks, for building valid requests. */
export interface AvardaTestMarket {
  /** ISO 3166 alpha-2, for `country` on addresses. */
  country: Market
  currency: "SEK" | "EUR" | "NOK" | "DKK"
  /** Authorization API `customer.userLanguageCode`. */
  userLanguageCode: 752 | 246 | 578 | 208
  /** CheckOut2Api `UserLanguageCode`. */
  checkout2LanguageCode: "sv-SE" | "fi-FI" | "nb-NO" | "da-DK"
  phone: string
  email: string
  zip: string
  city: string
  addressLine1: string
}

export const AVARDA_TEST_MARKETS: Readonly<Record<Market, AvardaTestMarket>> = {
  SE: { country: "SE", currency: "SEK", userLanguageCode: 752, checkout2LanguageCode: "sv-SE", phone: "0701234567", email: "test.person@example.se", zip: "11122", city: "Stockholm", addressLine1: "Testgatan 1" },
  FI: { country: "FI", currency: "EUR", userLanguageCode: 246, checkout2LanguageCode: "fi-FI", phone: "0401234567", email: "test.person@example.fi", zip: "00100", city: "Helsinki", addressLine1: "Testikatu 1" },
  NO: { country: "NO", currency: "NOK", userLanguageCode: 578, checkout2LanguageCode: "nb-NO", phone: "41234567", email: "test.person@example.no", zip: "0150", city: "Oslo", addressLine1: "Testveien 1" },
  DK: { country: "DK", currency: "DKK", userLanguageCode: 208, checkout2LanguageCode: "da-DK", phone: "21234567", email: "test.person@example.dk", zip: "1050", city: "København K", addressLine1: "Testvej 1" },
}

/** The mock-mode totals of the stage environment (an item with description `MockForTest`). */
export const AVARDA_MOCK_MODE = {
  itemDescription: "MockForTest",
  totals: { idValidationRequired: 200, rejected: 700, serviceTimeout: 1001, otherError: 1002 },
} as const

/** Credit limit granted to approved shoppers, in major units of the market currency (above it: errorCode 4). */
export const AVARDA_TEST_CREDIT_LIMITS: Readonly<Record<Market, number>> = { SE: 50000, FI: 5000, NO: 50000, DK: 40000 }
