import type { MedusaNextFunction, MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import type { Logger } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { WEBHOOK_RECEIPT_HEADER, type WebhookSignatureResult } from "../../lib/avirato"
import { aviratoProvider, isAviratoProviderId } from "../../providers/avirato/core/configured-providers"
import { authenticateWebhookAtReceipt } from "../../providers/avirato/core/webhook-authentication"

type RejectionReason = Extract<WebhookSignatureResult, { valid: false }>["reason"]

const REJECTION_MESSAGES: Record<RejectionReason, string> = {
  missing_signature: "the X-Avirato-Signature header is missing",
  malformed_signature: "the X-Avirato-Signature header is not t={unix seconds},v1={hex HMAC}",
  timestamp_mismatch: "X-Avirato-Timestamp differs from the signature's t",
  stale_timestamp: "the signature's timestamp is outside the accepted window",
  signature_mismatch: "the signature does not match the body",
}

/**
 * Runs before Medusa's `POST /hooks/payment/:provider` for the plugin's Avirato providers: checks the
 * signature (every configured secret, constant time) and the timestamp window as the webhook
 * arrives, and answers 401 to a forged or stale one, so it is never acknowledged with a 200 nor
 * queued. An authentic one gets a receipt header (always overwritten: a client cannot bring its
 * own) that lets the processing judge the window against the time of arrival, however long the
 * event waited in the queue.
 */
export async function verifyAviratoWebhookAtReceipt(req: MedusaRequest, res: MedusaResponse, next: MedusaNextFunction): Promise<void> {
  const provider = req.params.provider ?? /^\/hooks\/payment\/([^/?]+)/.exec(req.path)?.[1] ?? ""
  const providerId = `pp_${provider}`
  if (!isAviratoProviderId(providerId)) return next()
  req.headers[WEBHOOK_RECEIPT_HEADER] = undefined
  const configured = aviratoProvider(req.scope, providerId)
  if (!configured) {
    res.status(404).json({ type: "not_found", message: `No Avirato payment provider ${providerId} is configured` })
    return
  }
  const { authentication, receipt } = authenticateWebhookAtReceipt({ rawData: req.rawBody, headers: req.headers }, configured.options)
  if (!authentication.valid) {
    req.scope.resolve<Logger>(ContainerRegistrationKeys.LOGGER).warn(`Avirato: webhook for ${providerId} rejected at receipt: ${authentication.reason}`)
    res.status(401).json({
      type: "unauthorized",
      code: authentication.reason,
      message: `Avirato webhook rejected: ${REJECTION_MESSAGES[authentication.reason]}`,
    })
    return
  }
  if (receipt) req.headers[WEBHOOK_RECEIPT_HEADER] = receipt
  next()
}
