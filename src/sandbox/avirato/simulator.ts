import type { SandboxContext, SandboxRouter, VendorSimulator } from "../core/types"
import { createAviratoControl, type AviratoControl } from "./control"
import { mountAviratoControlRoutes } from "./control-routes"
import type { AviratoDeps } from "./deps"
import { AVIRATO_ENVIRONMENTS } from "./environment"
import { AviratoApiError, AviratoErrorCode, GENERIC_SERVER_ERROR_MESSAGE, invalidApiKey } from "./error-codes"
import { failure } from "./envelope"
import { ForcedFailures } from "./forced-failures"
import { IdempotencyStore } from "./idempotency"
import { mountModificationRoutes } from "./modification-routes"
import { mountPaymentPageRoutes } from "./payment-page-routes"
import { ReferenceFactory } from "./references"
import { mountSessionRoutes } from "./session-routes"
import { AviratoStore } from "./store"
import { formatAviratoTimestamp } from "./timestamps"
import { WebhookDispatcher } from "./webhook-dispatcher"
import { paymentStatusOf } from "./webhook-events"

/** Error code an injected status fault carries when the test gives no body. */
function codeForStatus(status: number): number {
  if (status >= 500) return AviratoErrorCode.PROVIDER_ERROR
  if (status === 404) return AviratoErrorCode.NOT_FOUND
  if (status === 403 || status === 401) return AviratoErrorCode.INVALID_API_KEY
  if (status === 409) return AviratoErrorCode.IDEMPOTENCY_CONFLICT
  return AviratoErrorCode.INVALID_PARAMETER
}

function snapshotOf(deps: AviratoDeps): Record<string, unknown> {
  const { store, webhooks } = deps
  const at = (date?: Date) => (date ? formatAviratoTimestamp(date) : null)
  return {
    sessions: [...store.sessions.values()].map((session) => ({
      environment: session.environment,
      sessionId: session.sessionId,
      status: session.status,
      amount: session.amount.value,
      currency: session.amount.currency,
      isPreAuth: session.isPreAuth,
      customReference: session.customReference,
      createdAt: at(session.createdAt),
      pageOpenedAt: at(session.pageOpenedAt),
      attempts: session.attempts.map((attempt) => `${attempt.status}${attempt.reason ? ` (${attempt.reason})` : ""}`).join(", "),
      paymentReference: session.paymentReference ?? null,
    })),
    payments: [...store.payments.values()].map((payment) => ({
      environment: payment.environment,
      paymentReference: payment.paymentReference,
      sessionId: payment.sessionId,
      paymentStatus: paymentStatusOf(payment),
      isPreAuth: payment.isPreAuth,
      currency: payment.currency,
      authorised: payment.authorisedAmount,
      captured: payment.capturedAmount,
      refunded: payment.refundedAmount,
      authorisationExpiresAt: at(payment.authorisationExpiresAt),
    })),
    modifications: store.modifications.map((modification) => ({
      environment: modification.environment,
      modificationReference: modification.modificationReference,
      type: modification.type,
      paymentReference: modification.paymentReference,
      amount: modification.amount?.value ?? null,
      reason: modification.reason ?? null,
      success: modification.success,
      eventCode: modification.eventCode,
      failureReason: modification.failureReason ?? null,
      createdAt: at(modification.createdAt),
    })),
    webhookSettings: {
      live: webhooks.url("live") ?? null,
      test: webhooks.url("test") ?? null,
      enabled: webhooks.enabled(),
      held: webhooks.heldCount(),
    },
  }
}

/**
 * Avirato Payments External API (Live and Test layouts), its hosted payment page, and its signed
 * webhooks, as described in the spec (see docs/sandbox-avirato.md for the assumptions).
 */
export function createAviratoSimulator(): VendorSimulator<AviratoControl> {
  let deps: AviratoDeps | undefined
  const mountedDeps = () => {
    if (!deps) throw new Error("The Avirato simulator is not mounted yet")
    return deps
  }
  const control = createAviratoControl(mountedDeps)
  return {
    name: "avirato",
    control,
    mount(router: SandboxRouter, ctx: SandboxContext) {
      deps = {
        ctx,
        store: new AviratoStore(),
        references: new ReferenceFactory(),
        idempotency: new IdempotencyStore(),
        webhooks: new WebhookDispatcher(ctx),
        forcedFailures: new ForcedFailures(),
      }
      for (const environment of AVIRATO_ENVIRONMENTS) {
        mountSessionRoutes(router, deps, environment)
        mountModificationRoutes(router, deps, environment)
      }
      mountPaymentPageRoutes(router, deps)
      mountAviratoControlRoutes(router, control)
    },
    reset() {
      if (!deps) return
      deps.store.clear()
      deps.idempotency.clear()
      deps.forcedFailures.clear()
      deps.webhooks.reset()
    },
    snapshot: () => (deps ? snapshotOf(deps) : {}),
    faultResponse(fault) {
      const traceId = mountedDeps().ctx.ids.guid()
      // Avirato has no bearer tokens: credentials it rejects give 403/11001.
      if (fault.kind === "expired-token") return failure(invalidApiKey(), traceId)
      const message = fault.status >= 500 ? GENERIC_SERVER_ERROR_MESSAGE : "Injected error (sandbox fault)"
      return failure(new AviratoApiError(fault.status, codeForStatus(fault.status), message), traceId)
    },
  }
}
