/**
 * One typed error for the three error formats of the CheckOut2Api:
 * 1. authorize calls: `{ErrorCode, ErrorDetail, UserErrorMessage, DetailedErrorMessage, LocalizedErrorMessage}`;
 * 2. commerce calls: `[{ErrorCode, ErrorMessage}]` (HTTP 400);
 * 3. `{CheckOutErrorCode, Errors}` and Web API's `{Message, ModelState}`; 401 = bad site code / password.
 * The message is safe for logs and the admin: values Avarda may quote back are masked and the
 * personal ID number (when the caller passes it) never appears.
 */
import { isAmbiguous, isCredentialsRefusal, VendorError, VendorHttpError } from "../../http/errors"
import { tryParseJson } from "../../http/vendor-http-client"
import { authorizeErrorSchema, checkoutErrorSchema, commerceErrorSchema, webApiMessageSchema } from "./schemas"

export type StandaloneErrorFormat = "authorize" | "commerce" | "checkout" | "message" | "unknown"

export interface StandaloneErrorEntry {
  code?: string
  message?: string
}

/** Documented / observed codes the plugin reacts to. */
export const STANDALONE_ERROR_CODES = {
  creditNotApproved: "30154",
  invalidRequest: "30100",
  invalidExternalId: "10005",
} as const

/** Vendor messages that need the merchant, not the shopper: explained for the admin. */
const MERCHANT_HINTS: Array<[RegExp, string]> = [
  [/Site has no invoice account class associated/i, "the site has no invoice account class at Avarda: ask Avarda to set up the site for this credit product"],
  [/not allowed to work with B2b/i, "Avarda has not enabled B2B for this site: disable the option b2b.allowed or ask Avarda"],
  [/Customer Token is not valid/i, "Avarda does not know the customer token that was sent"],
]

export class StandaloneApiError extends VendorHttpError {
  constructor(
    operation: string,
    status: number,
    bodyText: string,
    body: unknown,
    readonly format: StandaloneErrorFormat,
    /** Avarda's code (ErrorCode / CheckOutErrorCode / the first entry's code). */
    readonly code: string | undefined,
    readonly entries: StandaloneErrorEntry[],
    /** Format 1: e.g. "CreditNotApproved". */
    readonly userErrorMessage: string | undefined,
    /** Format 1: the text for the shopper, in the purchase's language. */
    readonly localizedMessage: string | undefined,
    detail: string
  ) {
    super(operation, status, bodyText, body, detail)
  }

  hasCode(code: string): boolean {
    return this.code === code || this.entries.some((entry) => entry.code === code)
  }

  mentions(pattern: RegExp): boolean {
    return this.entries.some((entry) => pattern.test(entry.message ?? ""))
  }

  /** What the merchant should do, when Avarda's answer points at the site's set-up. */
  merchantHint(): string | undefined {
    const texts = [this.message, ...this.entries.map((e) => e.message ?? "")]
    return MERCHANT_HINTS.find(([pattern]) => texts.some((text) => pattern.test(text)))?.[1]
  }
}

/** The outcome of a call is unknown: it may have taken effect (a 2xx whose body cannot be read). */
export class StandaloneUnreadableAnswerError extends VendorError {}

/** Masks what could be personal data in a vendor text: the given secrets, quoted values, long digit runs. */
export function maskPersonalData(text: string, secrets: readonly (string | undefined)[] = []): string {
  let masked = text
  for (const secret of secrets) {
    const trimmed = secret?.trim()
    if (!trimmed) continue
    masked = masked.split(trimmed).join("***")
    const digits = trimmed.replace(/\D/g, "")
    if (digits.length >= 6) {
      masked = masked.replace(/\d[\d\-+ ]{4,}\d/g, (match) => (digits.includes(match.replace(/\D/g, "")) ? "***" : match))
    }
  }
  // Quoted values ('0701…', "Storgatan 1"); apostrophes inside words ("can't") are left alone.
  return masked.replace(/(^|[\s(:=])(["'])[^"'\n]{1,200}\2(?=$|[\s).,;:!?])/g, "$1$2***$2")
}

function clean(value: string | null | undefined): string | undefined {
  const text = value?.replace(/\s+/g, " ").trim()
  return text ? text : undefined
}

/** Parses any CheckOut2Api error answer into one StandaloneApiError. */
export function parseStandaloneError(operation: string, status: number, bodyText: string, secrets: readonly (string | undefined)[] = []): StandaloneApiError {
  const body = tryParseJson(bodyText)
  const mask = (value: string | undefined) => (value === undefined ? undefined : maskPersonalData(value, secrets))
  const make = (format: StandaloneErrorFormat, code: string | undefined, entries: StandaloneErrorEntry[], detail: string, user?: string, localized?: string) =>
    new StandaloneApiError(operation, status, bodyText, body, format, code, entries, user, localized, detail)

  const authorize = authorizeErrorSchema.safeParse(body)
  if (authorize.success) {
    const e = authorize.data
    const detailed = mask(clean(e.DetailedErrorMessage) ?? clean(e.ErrorDetail) ?? clean(e.UserErrorMessage))
    const entries = (e.ErrorDetail ?? "")
      .split(/\r?\n/)
      .map((line) => mask(clean(line)))
      .filter((line): line is string => !!line)
      .map((message) => ({ code: e.ErrorCode, message }))
    return make(
      "authorize",
      e.ErrorCode,
      entries.length ? entries : [{ code: e.ErrorCode, ...(detailed ? { message: detailed } : {}) }],
      `${e.ErrorCode}${clean(e.UserErrorMessage) ? ` ${clean(e.UserErrorMessage)}` : ""}${detailed ? `: ${detailed}` : ""}`,
      clean(e.UserErrorMessage),
      mask(clean(e.LocalizedErrorMessage))
    )
  }
  const commerce = commerceErrorSchema.safeParse(body)
  if (commerce.success && commerce.data.length > 0) {
    const entries = commerce.data.map((e) => ({ ...(e.ErrorCode ? { code: e.ErrorCode } : {}), ...(mask(clean(e.ErrorMessage)) ? { message: mask(clean(e.ErrorMessage))! } : {}) }))
    return make("commerce", entries[0]?.code, entries, entries.map((e) => `${e.code ?? "?"} ${e.message ?? ""}`.trim()).join("; "))
  }
  const checkout = checkoutErrorSchema.safeParse(body)
  if (checkout.success) {
    const entries = (checkout.data.Errors ?? []).map((e) =>
      typeof e === "string" ? { message: mask(clean(e)) } : { ...(e.ErrorCode ? { code: e.ErrorCode } : {}), message: mask(clean(e.ErrorMessage ?? e.Message)) }
    )
    const code = checkout.data.CheckOutErrorCode
    return make("checkout", code, entries, `${code}${entries.length ? `: ${entries.map((e) => e.message ?? e.code).join("; ")}` : ""}`)
  }
  const message = webApiMessageSchema.safeParse(body)
  if (message.success) {
    // ModelState messages quote the submitted values: keep the field names only.
    const fields = Object.keys(message.data.ModelState ?? {}).map((key) => key.replace(/^request\./i, ""))
    const text = status === 401 ? "the site code or site password was refused" : mask(clean(message.data.Message)) ?? "error"
    return make("message", undefined, fields.map((field) => ({ message: `${field} is invalid` })), fields.length ? `${text} (${fields.join(", ")})` : text)
  }
  return make("unknown", undefined, [], status === 401 ? "the site code or site password was refused" : `unexpected answer${bodyText ? "" : " (empty body)"}`)
}

export type CommerceFailureKind =
  /** No answer, or one we cannot read: Avarda may have done it. Re-send with the same TranId. */
  | "outcome_unknown"
  /** Avarda answered 4xx with its reasons: nothing was done. */
  | "refused"
  /** Never reached Avarda, Avarda turned the site's credentials away, or Avarda failed (5xx): nothing was done, try again later. */
  | "failed"

export function commerceFailureKind(error: unknown): CommerceFailureKind {
  if (isAmbiguous(error) || error instanceof StandaloneUnreadableAnswerError) return "outcome_unknown"
  if (isCredentialsRefusal(error)) return "failed"
  if (error instanceof StandaloneApiError && error.status >= 400 && error.status < 500) return "refused"
  return "failed"
}
