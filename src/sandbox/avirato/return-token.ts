import { SignJWT } from "jose"
import type { AviratoSession } from "./model"
import { unixSeconds } from "./timestamps"

/** Lifetime of the `data` JWT on urlOk (Avirato documents neither the claim names nor the expiry: assumption A18 in docs/sandbox-avirato.md). */
export const RETURN_TOKEN_TTL_SECONDS = 900

export interface ReturnTokenClaims {
  sessionId: string
  paymentReference: string
  customReference: string | null
  amount: { value: number; currency: string }
  status: "completed"
  paymentStatus: "AUTHORISED"
  isPreAuth: boolean
  iat: number
  exp: number
}

/** The `data` parameter on urlOk: HS256, signed with the client secret of the session's environment. */
export async function signReturnToken(session: AviratoSession, clientSecret: string, now: Date): Promise<string> {
  if (!session.paymentReference) throw new Error(`Session ${session.sessionId} has no payment to report`)
  const iat = unixSeconds(now)
  return new SignJWT({
    sessionId: session.sessionId,
    paymentReference: session.paymentReference,
    customReference: session.customReference,
    amount: { value: session.amount.value, currency: session.amount.currency },
    status: "completed",
    paymentStatus: "AUTHORISED",
    isPreAuth: session.isPreAuth,
  })
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setIssuedAt(iat)
    .setExpirationTime(iat + RETURN_TOKEN_TTL_SECONDS)
    .sign(new TextEncoder().encode(clientSecret))
}

/** `urlOk` with `data=<JWT>` added to whatever query it already has. */
export function urlWithData(urlOk: string, token: string): string {
  const url = new URL(urlOk)
  url.searchParams.set("data", token)
  return url.toString()
}
