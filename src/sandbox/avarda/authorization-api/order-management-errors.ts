/**
 * Errors of `/order`, `/return` and `/cancel`: HTTP 422 with a PascalCase array, the form the
 * cancel page documents (assumption U10 in docs/sandbox-avarda.md). Only 10005 is Avarda's; the other codes are the sandbox's.
 */
export interface OrderManagementError {
  ErrorCode: string
  ErrorMessage: string
}

export const ORDER_MANAGEMENT_ERRORS = {
  invalidId: { ErrorCode: "10005", ErrorMessage: "Invalid or missing external ID." },
  notApproved: { ErrorCode: "10010", ErrorMessage: "The authorization is not approved." },
  notInBackOffice: { ErrorCode: "10011", ErrorMessage: "The authorization is not yet processed in back office (inBackOffice is false). Try again later." },
  exceedsAuthorizedAmount: { ErrorCode: "10012", ErrorMessage: "The order amount exceeds the remaining authorized amount." },
  exceedsCapturedAmount: { ErrorCode: "10013", ErrorMessage: "The return amount exceeds the ordered (captured) amount." },
  cancelled: { ErrorCode: "10014", ErrorMessage: "The authorization is cancelled." },
  alreadyProcessed: { ErrorCode: "10015", ErrorMessage: "The authorization cannot be cancelled: an order, return or refund has already been made." },
} as const satisfies Record<string, OrderManagementError>
