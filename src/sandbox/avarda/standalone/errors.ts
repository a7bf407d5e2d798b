/**
 * CheckOut2Api error bodies: the authorize calls answer one object with five fields,
 * the commerce calls an array of `{ErrorCode, ErrorMessage}` with HTTP 400. Only 30154 and 10005
 * are Avarda's documented codes; the others are the sandbox's (docs/sandbox-avarda.md).
 */
import type { SandboxResponse } from "../../core/types"
import { authorizationErrorMessage } from "../shared/messages"
import type { Language } from "../shared/markets"
import { jsonResponse } from "../shared/responses"

export interface AuthorizeErrorBody {
  ErrorCode: string
  ErrorDetail: string | null
  UserErrorMessage: string
  DetailedErrorMessage: string
  LocalizedErrorMessage: string
}

export function validationErrorResponse(messages: string[]): SandboxResponse {
  const body: AuthorizeErrorBody = {
    ErrorCode: "30100",
    ErrorDetail: messages.join("\n"),
    UserErrorMessage: "InvalidRequest",
    DetailedErrorMessage: `(30100) ${messages.join(" ")}`,
    LocalizedErrorMessage: messages.join(" "),
  }
  return jsonResponse(400, body)
}

export function creditNotApprovedResponse(language: Language): SandboxResponse {
  const body: AuthorizeErrorBody = {
    ErrorCode: "30154",
    ErrorDetail: null,
    UserErrorMessage: "CreditNotApproved",
    DetailedErrorMessage: "(30154) Application denied. Choose a different payment option",
    LocalizedErrorMessage: authorizationErrorMessage(1, language),
  }
  return jsonResponse(400, body)
}

export function technicalErrorResponse(kind: "timeout" | "internal", language: Language): SandboxResponse {
  const body: AuthorizeErrorBody =
    kind === "timeout"
      ? {
          ErrorCode: "30901",
          ErrorDetail: null,
          UserErrorMessage: "ServiceTimeout",
          DetailedErrorMessage: "(30901) The credit decision service did not answer in time",
          LocalizedErrorMessage: authorizationErrorMessage(100, language),
        }
      : {
          ErrorCode: "30900",
          ErrorDetail: null,
          UserErrorMessage: "InternalError",
          DetailedErrorMessage: "(30900) Internal error",
          LocalizedErrorMessage: authorizationErrorMessage(101, language),
        }
  return jsonResponse(500, body)
}

export interface CommerceError {
  ErrorCode: string
  ErrorMessage: string
}

export const COMMERCE_ERRORS = {
  invalidExternalId: { ErrorCode: "10005", ErrorMessage: "Invalid or missing external ID." },
  notCompleted: { ErrorCode: "10010", ErrorMessage: "The purchase is not completed." },
  exceedsRemaining: { ErrorCode: "10012", ErrorMessage: "The amount exceeds the remaining authorized amount." },
  exceedsInvoiced: { ErrorCode: "10013", ErrorMessage: "The amount exceeds the invoiced amount." },
  cancelled: { ErrorCode: "10014", ErrorMessage: "The purchase is cancelled." },
  alreadyProcessed: { ErrorCode: "10015", ErrorMessage: "The payment cannot be cancelled: PurchaseOrder, ReturnOrder or Refund has already been called." },
  nothingRemaining: { ErrorCode: "10016", ErrorMessage: "There is no remaining amount to refund." },
} as const satisfies Record<string, CommerceError>

/** A missing or invalid field of a commerce call. */
export function commerceFieldError(message: string): CommerceError {
  return { ErrorCode: "10001", ErrorMessage: message }
}

export function commerceErrorResponse(errors: CommerceError[]): SandboxResponse {
  return jsonResponse(400, errors)
}

/** 401 of the Basic-auth check, as ASP.NET Web API words it. */
export function unauthorizedResponse(): SandboxResponse {
  return {
    status: 401,
    headers: { "content-type": "application/json; charset=utf-8", "www-authenticate": 'Basic realm="CheckOut2Api"' },
    body: { Message: "Authorization has been denied for this request." },
  }
}
