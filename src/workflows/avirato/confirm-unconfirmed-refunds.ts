/**
 * Re-sends the Avirato refunds that never got a readable answer (recorded as `unconfirmed` by the
 * provider) with the same Idempotency-Key: Avirato applies a key once, so a refund that did arrive
 * is answered with its original reference and not made again. Once the reference is known, the
 * outcome its webhook reported (kept in the payment's outcome log) is booked.
 *
 * One workflow per payment (see resend-unconfirmed.ts): answers that could not be recorded are
 * re-sent by the next run, and Avirato answers them with the references it gave the first time.
 */
import type { IPaymentModuleService, Logger, MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type { RefundInput } from "../../lib/avirato/client"
import { AVIRATO_CARDS } from "../../lib/plugin-vendors"
import { awaitingResend, unconfirmedCallsIn } from "../../lib/unconfirmed-calls"
import { aviratoProvider, configuredAviratoProviderIds } from "../../providers/avirato/core/configured-providers"
import { readPaymentData } from "../../providers/avirato/core/payment-data"
import { AviratoApiError } from "../../lib/avirato/errors"
import { isRequestRefusalStatus } from "../../lib/http/errors"
import { anotherAttempt, createResendWorkflow, noteAnotherAttempt, noAnswers, resendUnconfirmedCalls, type ResendInput, type ResendReport } from "../shared/resend-unconfirmed"
import { projectLoggedOutcomes } from "./book-webhook-event"

export type RefundRefusal = { paymentId: string; key: string; error: string }
export type RefundConfirmationReport = ResendReport<RefundRefusal>

const hasOpenRefunds = (data: Record<string, unknown> | null | undefined): boolean =>
  unconfirmedCallsIn(data, AVIRATO_CARDS.unconfirmedCallPlaces).some(awaitingResend)

export const resendUnconfirmedAviratoRefundsStep = createStep(
  "resend-unconfirmed-avirato-refunds",
  async (input: ResendInput, { container }) => {
    const answers = noAnswers<RefundRefusal>(input.payment_id)
    const provider = aviratoProvider(container, input.provider_id)
    if (!provider) return new StepResponse(answers)
    const paymentModule = container.resolve<IPaymentModuleService>(Modules.PAYMENT)
    const logger = container.resolve<Logger>(ContainerRegistrationKeys.LOGGER)
    const current = await paymentModule.retrievePayment(input.payment_id, { select: ["id", "data", "metadata"] })
    const data = (current.data ?? {}) as Record<string, unknown>
    if (!hasOpenRefunds(data)) return new StepResponse(answers)
    const view = readPaymentData(data)
    const refunds = view.refunds.map((r) => ({ ...r }))
    for (const entry of refunds.filter((r) => r.unconfirmed && !r.reference)) {
      try {
        const accepted = await provider.client.refund(
          { paymentReference: view.payment_reference!, amount: { value: entry.amount!, currency: view.currency! }, reason: entry.reason as RefundInput["reason"] },
          entry.idempotency_key
        )
        if (accepted.modificationReference) entry.reference = accepted.modificationReference
        delete entry.unconfirmed
        answers.confirmed.push(`${input.payment_id}:${entry.idempotency_key}`)
        logger.info(`Avirato: unconfirmed refund ${entry.idempotency_key} of ${view.payment_reference} confirmed (${entry.reference})`)
      } catch (error) {
        const message = (error as Error).message
        // Only Avirato's answer to the refund itself refuses it. No connection, no answer, a server
        // error or the API key turned away say nothing about the refund: it goes again with its key.
        if (!(error instanceof AviratoApiError && isRequestRefusalStatus(error.status))) {
          entry.unconfirmed = anotherAttempt(entry.unconfirmed!, message)
          noteAnotherAttempt(answers, error)
        } else {
          delete entry.unconfirmed
          entry.status = "failed"
          entry.failure_reason = `Avirato refused the refund when it was re-sent: ${message}`
          answers.refused.push({ paymentId: input.payment_id, key: entry.idempotency_key, error: message })
          logger.error(
            `Avirato: refund ${entry.idempotency_key} of ${view.payment_reference} is recorded in Medusa but Avirato refuses it (${message}): refund the customer another way`
          )
        }
      }
    }
    const updated = { ...data, refunds }
    const metadata = (current as { metadata?: Record<string, unknown> | null }).metadata
    answers.data = projectLoggedOutcomes(updated, metadata) ?? updated
    return new StepResponse(answers)
  }
)

/** Re-sends one payment's unconfirmed Avirato refunds under its lock and records the answers. */
export const confirmAviratoRefundsWorkflow = createResendWorkflow("confirm-unconfirmed-avirato-refunds", resendUnconfirmedAviratoRefundsStep)

/** Runs the workflow for every payment of the configured Avirato providers with an open refund. */
export function confirmAviratoRefunds(container: MedusaContainer): Promise<RefundConfirmationReport> {
  return resendUnconfirmedCalls(container, {
    vendorName: AVIRATO_CARDS.name,
    providerIds: configuredAviratoProviderIds(container),
    places: AVIRATO_CARDS.unconfirmedCallPlaces,
    what: "re-sent Avirato refunds",
    workflow: confirmAviratoRefundsWorkflow,
  })
}
