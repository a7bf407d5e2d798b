import type { z } from "zod"
import type { SandboxRouter } from "../core/types"
import { aviratoHandler, requireApiKey, requireWebcodeIfPresent } from "./api-guard"
import type { AviratoDeps } from "./deps"
import { apiBasePath, type AviratoEnvironment } from "./environment"
import { environmentMismatch, invalidParameter, notFound } from "./error-codes"
import { success } from "./envelope"
import { IdempotencyStore } from "./idempotency"
import { makeModification } from "./make-modification"
import { MODIFICATION_TYPES, type Money, type ModificationType } from "./model"
import { jsonObjectBody, validate } from "./request-validation"
import { cancelSchema, captureSchema, extendSchema, refundSchema } from "./schemas"
import { formatAviratoTimestamp } from "./timestamps"

const SCHEMAS: Record<ModificationType, z.ZodType<{ paymentReference: string; amount?: Money | null; reason?: string }>> = {
  refund: refundSchema,
  capture: captureSchema,
  cancel: cancelSchema,
  extend: extendSchema,
}

/**
 * POST payment/{refund,capture,cancel,extend}: validated synchronously, answered 202 "received",
 * decided at once (see modification-rules.ts) and reported by webhook.
 */
export function mountModificationRoutes(router: SandboxRouter, deps: AviratoDeps, environment: AviratoEnvironment): void {
  const { ctx, store } = deps
  const settings = ctx.options.avirato
  for (const type of MODIFICATION_TYPES) {
    router.route(
      "POST",
      `${apiBasePath(environment)}/payment/${type}`,
      aviratoHandler(ctx, (req) => {
        requireApiKey(req, settings, environment)
        const idempotencyKey = IdempotencyStore.keyFrom(req.headers["idempotency-key"])
        const body = jsonObjectBody(req)
        requireWebcodeIfPresent(body.webcode, settings)
        return deps.idempotency.run(environment, `payment/${type}`, idempotencyKey, body, ctx.clock.now(), async () => {
          const input = validate(SCHEMAS[type], body)
          const payment = store.payment(environment, input.paymentReference)
          if (!payment) {
            if (store.payments.has(input.paymentReference)) throw environmentMismatch("the payment")
            throw notFound("Payment")
          }
          const amount = input.amount ?? undefined
          if (amount && amount.currency !== payment.currency) {
            throw invalidParameter(`amount.currency must be the payment's currency (${payment.currency})`)
          }
          const modification = makeModification(deps, environment, payment, type, { amount, reason: input.reason, forcedFailure: deps.forcedFailures.take(type) })
          return success(202, {
            modificationReference: modification.modificationReference,
            paymentReference: payment.paymentReference,
            type,
            status: "received",
            ...(amount ? { amount: { value: amount.value, currency: amount.currency } } : {}),
            ...(input.reason ? { reason: input.reason } : {}),
            createdAt: formatAviratoTimestamp(modification.createdAt),
          })
        })
      }),
      { name: `avirato.${environment}.payment.${type}` },
    )
  }
}
