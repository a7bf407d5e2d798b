import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { resolveCaptureAttention } from "../../../../../../../../workflows/credit/capture-attention"

/**
 * POST /admin/avarda-avirato/payments/:id/capture-attention/:attention_id/resolve — the one action
 * that resolves a capture needing attention (the order panel's button): capture the remaining
 * amount, retry the capture plan, or mark it resolved, as the case calls for. A case resolved
 * before answers `already_resolved: true` and does nothing again. Answers `{ attention,
 * already_resolved, capture }`; `capture` is `{ ok, error? }` when a capture ran — a failed one
 * stays planned and the reconciliation job retries it.
 */
export async function POST(req: AuthenticatedMedusaRequest, res: MedusaResponse): Promise<void> {
  const paymentId = req.params.id!
  const attentionId = req.params.attention_id!
  const outcome = await resolveCaptureAttention(req.scope, paymentId, attentionId, req.auth_context?.actor_id ?? null)
  if (outcome.status === "not_found") {
    res.status(404).json({ type: "not_found", message: `Payment ${paymentId} has no capture needing attention with id ${attentionId}` })
    return
  }
  const capture = outcome.status === "resolved" && outcome.capture ? (outcome.capture.ok ? { ok: true } : { ok: false, error: outcome.capture.error }) : null
  res.status(200).json({ attention: outcome.attention, already_resolved: outcome.status === "already_resolved", capture })
}
