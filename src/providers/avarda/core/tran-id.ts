import { createHash } from "node:crypto"

/** Avarda's `tranId` limit. */
export const TRAN_ID_MAX = 36

/**
 * A transaction id that is the same every time the same operation is attempted: the n-th capture
 * ("c") or return ("r") of one authorization. Medusa creates a new capture/refund id per attempt
 * and deletes it when the provider fails, so its ids alone would let a retry after a timeout
 * capture or refund twice.
 */
export function avardaTranId(orderReference: string, kind: "c" | "r", sequence: number): string {
  const core = orderReference.replace(/^payses_/, "")
  const id = `${core}-${kind}${sequence}`
  if (id.length <= TRAN_ID_MAX) return id
  const hashed = createHash("sha256").update(orderReference).digest("hex").slice(0, 24)
  return `${hashed}-${kind}${sequence}`
}

/** Medusa's own id of an operation (its refund id) as tranId, when it fits Avarda's 36 characters. */
export function tranIdOf(id: string | undefined): string | undefined {
  return id && id.length <= TRAN_ID_MAX ? id : undefined
}
