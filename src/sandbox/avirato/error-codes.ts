/** Avirato's numeric error codes, plus the sandbox's choice for idempotency conflicts. */
export const AviratoErrorCode = {
  NOT_FOUND: 10404,
  INVALID_API_KEY: 11001,
  IP_NOT_ALLOWED: 11002,
  ACCESS_DENIED: 11008,
  INVALID_PARAMETER: 12001,
  INVALID_DATE: 12002,
  INVALID_COUNTRY_FORMAT: 12006,
  COUNTRY_NOT_SUPPORTED: 12009,
  /** Not documented by Avirato: the sandbox's answer to an Idempotency-Key reused with another body. */
  IDEMPOTENCY_CONFLICT: 12010,
  PROVIDER_ERROR: 13001,
} as const

export type AviratoErrorCodeValue = (typeof AviratoErrorCode)[keyof typeof AviratoErrorCode]

/** An error answered with the `{success:false,error:{...}}` envelope. */
export class AviratoApiError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: number,
    message: string,
  ) {
    super(message)
  }
}

/** The generic 5xx message Avirato uses on purpose. */
export const GENERIC_SERVER_ERROR_MESSAGE = "An error has occurred. Please try again later."

export const invalidApiKey = () => new AviratoApiError(403, AviratoErrorCode.INVALID_API_KEY, "Invalid or missing API key")
export const webcodeMismatch = () =>
  new AviratoApiError(403, AviratoErrorCode.ACCESS_DENIED, "Access denied: the webcode does not match the API key")
export const environmentMismatch = (what: string) =>
  new AviratoApiError(403, AviratoErrorCode.ACCESS_DENIED, `Access denied: ${what} belongs to the other environment`)
export const invalidParameter = (message: string) => new AviratoApiError(400, AviratoErrorCode.INVALID_PARAMETER, message)
export const notFound = (what: string) => new AviratoApiError(404, AviratoErrorCode.NOT_FOUND, `${what} not found`)
export const idempotencyConflict = () =>
  new AviratoApiError(
    409,
    AviratoErrorCode.IDEMPOTENCY_CONFLICT,
    "Idempotency-Key has already been used with a different request body",
  )
