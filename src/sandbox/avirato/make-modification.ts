import type { AviratoDeps } from "./deps"
import type { AviratoEnvironment } from "./environment"
import type { AviratoModification, AviratoPayment, ModificationType, Money } from "./model"
import { decideModification, eventCodeFor } from "./modification-rules"
import { newPaymentReference } from "./references"
import { modificationEvent } from "./webhook-events"

/**
 * A modification of a payment as Avirato makes it, whether asked through the API or in its
 * dashboard: decided at once (modification-rules.ts), recorded, and reported by webhook.
 */
export function makeModification(
  deps: AviratoDeps,
  environment: AviratoEnvironment,
  payment: AviratoPayment,
  type: ModificationType,
  { amount, reason, forcedFailure }: { amount?: Money; reason?: string; forcedFailure?: string } = {}
): AviratoModification {
  const now = deps.ctx.clock.now()
  const outcome = decideModification(type, payment, amount, now, forcedFailure)
  const modification: AviratoModification = {
    environment,
    modificationReference: newPaymentReference(),
    type,
    paymentReference: payment.paymentReference,
    amount,
    reason,
    createdAt: now,
    success: outcome.success,
    failureReason: outcome.failureReason,
    eventCode: "",
  }
  modification.eventCode = eventCodeFor(modification)
  deps.store.modifications.push(modification)
  deps.webhooks.emit(modificationEvent(payment, modification))
  return modification
}
