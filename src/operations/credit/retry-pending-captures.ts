/**
 * Runs captures that were planned but could not be made yet (the vendor was still processing the
 * authorization, or did not answer). Plans run in order; a payment's later plans wait for its first.
 */
import type { IPaymentModuleService, MedusaContainer } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { attentionIdOf, captureAttentionsOf, isExhausted, type AttentionLedger } from "../../lib/avarda/capture-attention"
import type { CreditLedger } from "../../lib/avarda/credit-ledger"
import { forEachPageOfRows } from "../shared/paged-rows"
import { flagExhaustedPlan } from "../../workflows/credit/capture-attention"
import { executeCapturePlan } from "../../workflows/credit/execute-capture-plan"
import { ROW_CAPTURE_FAMILIES, rowCaptureFamilyOf } from "./row-capture-families"


export interface CaptureRetryReport {
  attempted: number
  captured: string[]
  failed: Array<{ paymentId: string; planId: string; error: string }>
}

interface PaymentRow {
  id: string
  provider_id: string
  data?: CreditLedger | null
}

export async function retryPendingCaptures(container: MedusaContainer, options: { pageSize?: number } = {}): Promise<CaptureRetryReport> {
  const report: CaptureRetryReport = { attempted: 0, captured: [], failed: [] }
  const paymentModule = container.resolve<IPaymentModuleService>(Modules.PAYMENT)
  const providers = (await paymentModule.listPaymentProviders({})).map((p) => p.id)
  const providerIds = ROW_CAPTURE_FAMILIES.some((f) => !f.providerMatches)
    ? undefined
    : providers.filter((id) => ROW_CAPTURE_FAMILIES.some((f) => f.providerMatches!(id)))
  if (providerIds && !providerIds.length) return report
  // This plugin's uncaptured, uncanceled credit payments with planned captures, from the database
  // page by page: the plans live in the payment's JSON data, and Postgres keeps the rows whose
  // `pending_captures` is a non-empty list (its JSON text starts with `[{`).
  const filters = {
    captured_at: null,
    canceled_at: null,
    data: { pending_captures: { $like: "[{%" } },
    ...(providerIds ? { provider_id: providerIds } : {}),
  }
  await forEachPageOfRows<PaymentRow>(container, { entity: "payment", fields: ["id", "provider_id", "data"], filters, pageSize: options.pageSize }, async (payments) => {
    for (const payment of payments) {
      const plans = payment.data?.pending_captures ?? []
      if (!plans.length || !rowCaptureFamilyOf(payment.provider_id, payment.data)) continue
      for (const plan of plans) {
        if (isExhausted(plan)) {
          // Waits for the admin: the order shows it (recorded once, also for plans that ran out
          // before the record existed) with a button that retries it.
          const recorded = captureAttentionsOf(payment.data as AttentionLedger).some((a) => a.id === attentionIdOf.exhausted(plan))
          if (!recorded) await flagExhaustedPlan(container, payment.id, plan.id).catch(() => undefined)
          break
        }
        report.attempted++
        // One payment's trouble (its lock still held by a process that died, until the lock
        // expires) is reported and retried on the next run; it does not stop the others.
        const attempt = await executeCapturePlan(container, payment.id, plan.id).catch(
          (error: Error) => ({ ok: false as const, planId: plan.id, error: error.message, outcomeUnknown: false })
        )
        if (!attempt.ok) {
          report.failed.push({ paymentId: payment.id, planId: plan.id, error: attempt.error })
          break
        }
        report.captured.push(plan.id)
      }
    }
  })
  return report
}
