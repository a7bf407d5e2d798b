/**
 * Medusa's payment session status for an Avarda credit decision. Both Avarda APIs (Authorization
 * API and Standalone Credit) store their decision with the same outcome words: only an approved
 * credit is authorized, a shopper still at the ID validation (or electronic ID) is asked for more,
 * and every other outcome — rejected, timed out, cancelled, failed, unknown — is an error the
 * storefront answers by offering another way to pay.
 */
export type CreditSessionStatus = "authorized" | "requires_more" | "error"

export function creditSessionStatusOf(outcome: string): CreditSessionStatus {
  switch (outcome) {
    case "approved":
      return "authorized"
    case "pending_id_validation":
      return "requires_more"
    default:
      return "error"
  }
}
