/**
 * What a store offers of an Avarda credit product (Authorization API and Standalone Credit alike):
 * the product itself (provider option `products`) and, for loan / part payment, the terms.
 */
import { MedusaError } from "@medusajs/framework/utils"

export function assertProductOffered(identifier: string, offeredProducts: readonly string[], product: string): void {
  if (!offeredProducts.includes(product)) {
    throw new MedusaError(MedusaError.Types.NOT_ALLOWED, `${identifier} is not offered: add "${product}" to the provider option "products"`)
  }
}

/** The shopper's term, checked against the offered ones; the only one when there is one; none for products without terms. */
export function chooseOfferedPaymentTerm(product: string, offered: readonly number[], requested: number | undefined): number | undefined {
  if (!offered.length) return undefined
  if (requested === undefined) {
    if (offered.length === 1) return offered[0]
    throw new MedusaError(MedusaError.Types.INVALID_DATA, `payment_terms is required for ${product}: choose one of ${offered.join(", ")} months`)
  }
  if (!offered.includes(requested)) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, `payment_terms ${requested} is not offered for ${product}: choose one of ${offered.join(", ")} months`)
  }
  return requested
}
