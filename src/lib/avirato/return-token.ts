import { errors, jwtVerify } from "jose"

/**
 * The `data` JWT Avirato appends to urlOk. HS256 is pinned (a token with `none` or any other
 * algorithm is refused), every configured client secret is tried (rotation), and the claims — whose
 * names are not documented — are read loosely.
 */
export interface ReturnTokenClaims {
  sessionId?: string
  customReference?: string
  paymentReference?: string
  amount?: { value: number; currency: string }
  status?: string
  paymentStatus?: string
  raw: Record<string, unknown>
}

export interface ReturnTokenExpectation {
  /** Avirato sessionId we created for this Medusa payment session. */
  sessionId?: string
  /** The customReference we sent (the Medusa payment session id). */
  customReference?: string
  /** Exact minor units and currency of the session. */
  amount?: { value: number; currency: string }
}

export type ReturnTokenFailure =
  | "malformed"
  | "algorithm_not_allowed"
  | "bad_signature"
  | "expired"
  | "not_yet_valid"
  | "session_mismatch"
  | "amount_mismatch"
  | "not_authorised"

export type ReturnTokenResult =
  | { valid: true; claims: ReturnTokenClaims; secretIndex: number }
  | { valid: false; reason: ReturnTokenFailure }

export async function verifyReturnToken(
  token: string,
  secrets: readonly string[],
  expected: ReturnTokenExpectation,
  now: Date = new Date()
): Promise<ReturnTokenResult> {
  if (!/^[\w-]+\.[\w-]+\.[\w-]*$/.test(token)) return { valid: false, reason: "malformed" }
  for (const [index, secret] of secrets.entries()) {
    try {
      const { payload } = await jwtVerify(token, new TextEncoder().encode(secret), {
        algorithms: ["HS256"],
        currentDate: now,
      })
      const claims = readClaims(payload as Record<string, unknown>)
      const mismatch = compareWithExpectation(claims, expected)
      return mismatch ? { valid: false, reason: mismatch } : { valid: true, claims, secretIndex: index }
    } catch (error) {
      if (error instanceof errors.JWSSignatureVerificationFailed) continue
      if (error instanceof errors.JOSEAlgNotAllowed) return { valid: false, reason: "algorithm_not_allowed" }
      // Claims are checked only after the signature verified, so these mean "right secret, bad time".
      if (error instanceof errors.JWTExpired) return { valid: false, reason: "expired" }
      if (error instanceof errors.JWTClaimValidationFailed) return { valid: false, reason: "not_yet_valid" }
      return { valid: false, reason: "malformed" }
    }
  }
  return { valid: false, reason: "bad_signature" }
}

export function readClaims(payload: Record<string, unknown>): ReturnTokenClaims {
  const data = isRecord(payload.data) ? payload.data : {}
  const pick = (...names: string[]): unknown => {
    for (const name of names) {
      if (payload[name] !== undefined && payload[name] !== null) return payload[name]
      if (data[name] !== undefined && data[name] !== null) return data[name]
    }
    return undefined
  }
  return {
    sessionId: asString(pick("sessionId", "session_id")),
    customReference: asString(pick("customReference", "custom_reference")),
    paymentReference: asString(pick("paymentReference", "payment_reference", "reference")),
    amount: readAmount(pick("amount"), pick("currency")),
    status: asString(pick("status")),
    paymentStatus: asString(pick("paymentStatus", "payment_status")),
    raw: payload,
  }
}

function compareWithExpectation(claims: ReturnTokenClaims, expected: ReturnTokenExpectation): ReturnTokenFailure | undefined {
  const sessionMatches = !!expected.sessionId && claims.sessionId === expected.sessionId
  const referenceMatches = !!expected.customReference && claims.customReference === expected.customReference
  const sessionContradicts = !!expected.sessionId && !!claims.sessionId && claims.sessionId !== expected.sessionId
  const referenceContradicts =
    !!expected.customReference && !!claims.customReference && claims.customReference !== expected.customReference
  if (sessionContradicts || referenceContradicts || !(sessionMatches || referenceMatches)) return "session_mismatch"
  if (expected.amount) {
    const amount = claims.amount
    if (
      !amount ||
      amount.value !== expected.amount.value ||
      amount.currency.toUpperCase() !== expected.amount.currency.toUpperCase()
    ) {
      return "amount_mismatch"
    }
  }
  if (claims.paymentStatus && claims.paymentStatus.toUpperCase() !== "AUTHORISED") return "not_authorised"
  if (claims.status && claims.status.toLowerCase() !== "completed") return "not_authorised"
  return undefined
}

function readAmount(amount: unknown, currency: unknown): ReturnTokenClaims["amount"] {
  if (isRecord(amount) && Number.isInteger(amount.value) && typeof amount.currency === "string") {
    return { value: amount.value as number, currency: amount.currency }
  }
  if (Number.isInteger(amount) && typeof currency === "string") return { value: amount as number, currency }
  return undefined
}

function asString(value: unknown): string | undefined {
  return typeof value === "string" && value.length > 0 ? value : undefined
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value)
}
