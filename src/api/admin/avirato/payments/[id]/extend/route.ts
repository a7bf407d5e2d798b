import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { extendAviratoAuthorizationWorkflow } from "../../../../../../workflows/avirato/extend-avirato-authorization"

/**
 * POST /admin/avirato/payments/:id/extend — extend an Avirato pre-authorisation before it expires.
 * An `Idempotency-Key` request header is forwarded to Avirato (a retried click extends once).
 * Answers `{ payment }` with the `extensions` history in `payment.data`.
 */
export async function POST(req: AuthenticatedMedusaRequest, res: MedusaResponse): Promise<void> {
  const header = req.headers["idempotency-key"]
  const key = typeof header === "string" && /^[\x21-\x7e]{1,64}$/.test(header) ? header : undefined
  const { result } = await extendAviratoAuthorizationWorkflow(req.scope).run({
    input: { payment_id: req.params.id, idempotency_key: key },
  })
  res.status(200).json({ payment: result })
}
