/**
 * Re-sends the commerce calls Avarda never answered (recorded as `unconfirmed` by the provider)
 * with the same TranId until Avarda answers: a TranId is applied once, so a call that did arrive the
 * first time is not applied again. A refusal is kept on the record (`unconfirmed.failed`) and logged
 * for the admin: Medusa recorded something Avarda did not do.
 *
 * One workflow per payment (see resend-unconfirmed.ts): answers that could not be recorded are
 * re-sent by the next run with the same TranIds.
 */
import type { IPaymentModuleService, Logger, MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { minorToDecimalNumber } from "../../lib/money/minor-units"
import type { StandaloneCreditClient } from "../../lib/avarda/standalone/client"
import { commerceFailureKind } from "../../lib/avarda/standalone/errors"
import { toStandaloneItems } from "../../lib/avarda/standalone/request"
import { AVARDA_STANDALONE_CREDIT } from "../../lib/plugin-vendors"
import { awaitingResend, unconfirmedCallsIn } from "../../lib/unconfirmed-calls"
import { readStandalonePaymentData, type StandalonePaymentData, type Unconfirmed } from "../../providers/avarda-standalone/core/payment-data"
import { isStandaloneProviderId } from "../../providers/avarda-standalone/core/provider-ids"
import { standaloneClientFor } from "../../providers/avarda-standalone/core/runtime-config"
import { anotherAttempt, createResendWorkflow, noteAnotherAttempt, noAnswers, resendUnconfirmedCalls, type ResendInput, type ResendReport } from "../shared/resend-unconfirmed"
import { registeredProviderIds } from "../../operations/shared/registered-provider-ids"

export type OperationRefusal = { paymentId: string; operation: string; error: string }
export type ConfirmationReport = ResendReport<OperationRefusal>

interface Pending {
  operation: string
  tranId?: string
  unconfirmed: Unconfirmed
  send(client: StandaloneCreditClient): Promise<void>
  /** Codes meaning "already done". */
  alreadyDone?: string[]
  settle(result: Unconfirmed | undefined): void
}

/** A call recorded on an entry of the purchase's history (a capture, a return, a refund), re-sent when still open. */
function openHistoryCall(operation: string, entry: { tran_id: string; unconfirmed?: Unconfirmed }, send: Pending["send"]): Pending[] {
  if (!isOpen(entry.unconfirmed)) return []
  const settle = (result: Unconfirmed | undefined) => {
    if (result) entry.unconfirmed = result
    else delete entry.unconfirmed
  }
  return [{ operation, tranId: entry.tran_id, unconfirmed: entry.unconfirmed, send, settle }]
}

const isOpen = (u: Unconfirmed | undefined): u is Unconfirmed => !!u && !u.failed

function pendingOperations(data: StandalonePaymentData): Pending[] {
  const externalId = data.purchase_id!
  const list: Pending[] = [
    ...data.captures.flatMap((capture) =>
      openHistoryCall("PurchaseOrder", capture, (client) =>
        client.purchaseOrder({
          ExternalId: externalId,
          OrderReference: capture.order_reference ?? data.order_reference,
          TranId: capture.tran_id,
          ...(capture.tracking_code ? { TrackingCode: capture.tracking_code } : {}),
          Items: toStandaloneItems(capture.rows, data.currency_code),
        })
      )
    ),
    ...data.returns.flatMap((entry) =>
      openHistoryCall("ReturnOrder", entry, (client) =>
        client.returnOrder({ ExternalId: externalId, OrderReference: entry.order_reference, TranId: entry.tran_id, Items: toStandaloneItems(entry.rows, data.currency_code) })
      )
    ),
    ...data.refunds.flatMap((entry) =>
      openHistoryCall("Refund", entry, (client) =>
        client.refund({ ExternalId: externalId, Amount: minorToDecimalNumber(entry.amount_minor, data.currency_code), OrderReference: entry.order_reference, TranId: entry.tran_id })
      )
    ),
  ]
  const remainder = data.remainder_released
  if (remainder && isOpen(remainder.unconfirmed)) {
    list.push({
      operation: "RefundRemaining",
      tranId: remainder.tran_id,
      unconfirmed: remainder.unconfirmed,
      send: (client) => client.refundRemaining({ ExternalId: externalId, OrderReference: remainder.order_reference, TranId: remainder.tran_id }),
      alreadyDone: ["10016"],
      // Medusa merges nested objects of payment data on update: clear with null, not delete.
      settle: (result) => (remainder.unconfirmed = result ?? (null as unknown as undefined)),
    })
  }
  const cancellation = data.cancellation
  if (cancellation && isOpen(cancellation.unconfirmed)) {
    list.push({
      operation: "CancelPayment",
      unconfirmed: cancellation.unconfirmed,
      send: (client) => client.cancelPayment({ ExternalId: externalId, Reason: cancellation.reason }),
      alreadyDone: ["10014"],
      settle: (result) => (cancellation.unconfirmed = result ?? (null as unknown as undefined)),
    })
  }
  return list
}

const hasOpenOperations = (raw: Record<string, unknown> | null | undefined): boolean =>
  !!readStandalonePaymentData(raw)?.purchase_id && unconfirmedCallsIn(raw, AVARDA_STANDALONE_CREDIT.unconfirmedCallPlaces).some(awaitingResend)

export const resendUnconfirmedStandaloneCallsStep = createStep(
  "resend-unconfirmed-avarda-standalone-calls",
  async (input: ResendInput, { container }) => {
    const answers = noAnswers<OperationRefusal>(input.payment_id)
    const paymentModule = container.resolve<IPaymentModuleService>(Modules.PAYMENT)
    const current = (await paymentModule.retrievePayment(input.payment_id, { select: ["id", "data"] })).data as Record<string, unknown>
    if (!hasOpenOperations(current)) return new StepResponse(answers)
    const logger = container.resolve<Logger>(ContainerRegistrationKeys.LOGGER)
    const client = standaloneClientFor(container, input.provider_id)
    const data = readStandalonePaymentData(current)!
    for (const pending of pendingOperations(data)) {
      const subject = `Avarda ${pending.operation}${pending.tranId ? ` (TranId ${pending.tranId})` : ""} on purchase ${data.purchase_id}`
      const done = `${input.payment_id}:${pending.tranId ?? pending.operation}`
      try {
        await pending.send(client)
        pending.settle(undefined)
        answers.confirmed.push(done)
        logger.info(`${subject}: confirmed by re-sending it`)
      } catch (error) {
        const message = (error as Error).message
        const kind = commerceFailureKind(error)
        if (kind === "refused" && pending.alreadyDone?.some((code) => (error as { hasCode?: (c: string) => boolean }).hasCode?.(code))) {
          pending.settle(undefined)
          answers.confirmed.push(done)
        } else if (kind === "refused") {
          pending.settle({ ...anotherAttempt(pending.unconfirmed, message), failed: true })
          answers.refused.push({ paymentId: input.payment_id, operation: pending.operation, error: message })
          logger.error(`${subject} was recorded in Medusa but Avarda refuses it (${message}): check the order in Avarda's back office`)
        } else {
          pending.settle(anotherAttempt(pending.unconfirmed, message))
          noteAnotherAttempt(answers, error)
        }
      }
    }
    answers.data = { ...current, ...data }
    return new StepResponse(answers)
  }
)

/** Re-sends one payment's unconfirmed Standalone calls under its lock and records the answers. */
export const confirmStandaloneOperationsWorkflow = createResendWorkflow("confirm-unconfirmed-avarda-standalone-calls", resendUnconfirmedStandaloneCallsStep)

/** Runs the workflow for every payment of the Standalone providers that waits on an unconfirmed call. */
export async function confirmStandaloneOperations(container: MedusaContainer): Promise<ConfirmationReport> {
  return resendUnconfirmedCalls(container, {
    vendorName: AVARDA_STANDALONE_CREDIT.name,
    providerIds: await registeredProviderIds(container, isStandaloneProviderId),
    places: AVARDA_STANDALONE_CREDIT.unconfirmedCallPlaces,
    what: "re-sent Avarda Standalone calls",
    workflow: confirmStandaloneOperationsWorkflow,
  })
}
