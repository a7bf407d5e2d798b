import { createHmac } from "node:crypto"

/**
 * The `customerAuthToken` header My Pages needs: stable per shopper, never shared
 * between shoppers. Avarda's own plugin used sha256(customer id), which anyone can recompute; an
 * HMAC with a server-side secret is stable too but cannot be guessed without the secret.
 */
export function customerAuthTokenOf(customerId: string, secret: string): string {
  if (!customerId) throw new Error("customerAuthTokenOf: a customer id is required")
  if (!secret) throw new Error("customerAuthTokenOf: a secret is required")
  return createHmac("sha256", secret).update(`medusa-customer:${customerId}`).digest("hex")
}

/**
 * The `customerAuthToken` of one strong authentication started by the shop: a token Avarda has never
 * seen, so its "identify first" answer and the plain answer after the customer returns prove that
 * this customer identified as the person behind the purchase. Derived from the attempt's id, so
 * every server computes the same token without storing it.
 */
export function identityAuthTokenOf(customerId: string, attemptId: string, secret: string): string {
  if (!attemptId) throw new Error("identityAuthTokenOf: an attempt id is required")
  return customerAuthTokenOf(`${customerId}#identity:${attemptId}`, secret)
}
