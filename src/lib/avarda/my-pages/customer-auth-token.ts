import { createHmac } from "node:crypto"

/**
 * The `customerAuthToken` header My Pages needs (spec §5.1): stable per shopper, never shared
 * between shoppers. Avarda's own plugin used sha256(customer id), which anyone can recompute; an
 * HMAC with a server-side secret is stable too but cannot be guessed without the secret.
 */
export function customerAuthTokenOf(customerId: string, secret: string): string {
  if (!customerId) throw new Error("customerAuthTokenOf: a customer id is required")
  if (!secret) throw new Error("customerAuthTokenOf: a secret is required")
  return createHmac("sha256", secret).update(`medusa-customer:${customerId}`).digest("hex")
}
