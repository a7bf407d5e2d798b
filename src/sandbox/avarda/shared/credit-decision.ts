/**
 * The sandbox's credit decision: stage mock mode (by total) first, then the named test identities
 * (by personal identity number), else approval up to the market's credit limit.
 */
import { AVARDA_MOCK_MODE, AVARDA_TEST_CREDIT_LIMITS, AVARDA_TEST_IDENTITIES, type AvardaTestOutcome } from "../test-identities"
import { checkNationalId, type Market } from "./national-id"

export type IdValidationResult = "approve" | 51 | 52

export type CreditDecision =
  | { kind: "approved" }
  | { kind: "idValidation"; identifyResult: IdValidationResult }
  | { kind: "rejected"; errorCode: 1 | 3 | 4 | 5 | 7 }
  | { kind: "technical"; errorCode: 100 | 101 }

const DECISION_OF_OUTCOME: Record<AvardaTestOutcome, CreditDecision> = {
  approved: { kind: "approved" },
  idValidationRequired: { kind: "idValidation", identifyResult: "approve" },
  rejectedCreditNotApproved: { kind: "rejected", errorCode: 1 },
  rejectedAddressMismatch: { kind: "rejected", errorCode: 3 },
  rejectedAmount: { kind: "rejected", errorCode: 4 },
  rejectedInvalidIdentity: { kind: "rejected", errorCode: 5 },
  technicalError: { kind: "technical", errorCode: 101 },
  serviceTimeout: { kind: "technical", errorCode: 100 },
  idValidationFailsAtProvider: { kind: "idValidation", identifyResult: 51 },
  idValidationDifferentPerson: { kind: "idValidation", identifyResult: 52 },
}

/** The named outcome of a test personal identity number (any accepted spelling), if it is one. */
export function testOutcomeOf(identificationNumber: string, today: Date): { market: Market; outcome: AvardaTestOutcome } | undefined {
  for (const [market, identities] of Object.entries(AVARDA_TEST_IDENTITIES) as [Market, Record<AvardaTestOutcome, string>][]) {
    const check = checkNationalId(market, identificationNumber, today)
    if (!check.valid) continue
    for (const [outcome, number] of Object.entries(identities) as [AvardaTestOutcome, string][]) {
      if (checkNationalId(market, number, today).canonical === check.canonical) return { market, outcome }
    }
  }
  return undefined
}

export function creditLimitMinorOf(market: Market | undefined): number {
  return AVARDA_TEST_CREDIT_LIMITS[market ?? "SE"] * 100
}

export interface CreditApplication {
  identificationNumber: string
  market: Market | undefined
  totalMinor: number
  /** Authorization API only: an item described `MockForTest`. */
  mockMode: boolean
  today: Date
}

export function decideCredit(application: CreditApplication): CreditDecision {
  if (application.mockMode) {
    const { totals } = AVARDA_MOCK_MODE
    switch (application.totalMinor) {
      case totals.idValidationRequired * 100:
        return { kind: "idValidation", identifyResult: "approve" }
      case totals.rejected * 100:
        return { kind: "rejected", errorCode: 1 }
      case totals.serviceTimeout * 100:
        return { kind: "technical", errorCode: 100 }
      case totals.otherError * 100:
        return { kind: "technical", errorCode: 101 }
      default:
        return { kind: "approved" }
    }
  }
  const named = testOutcomeOf(application.identificationNumber, application.today)
  const decision = named ? DECISION_OF_OUTCOME[named.outcome] : DECISION_OF_OUTCOME.approved
  const grantable = decision.kind === "approved" || decision.kind === "idValidation"
  if (grantable && application.totalMinor > creditLimitMinorOf(application.market)) {
    return { kind: "rejected", errorCode: 4 }
  }
  return decision
}
