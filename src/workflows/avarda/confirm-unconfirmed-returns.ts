/**
 * Re-sends the Authorization API refunds (`/return`) Avarda never answered readably — recorded as
 * `unconfirmed` by the provider — with the same tranId and rows until Avarda answers: a tranId is
 * applied once, so a return that did arrive the first time is not applied again. A refusal is kept
 * on the record (`unconfirmed.failed`) and logged for the admin: Medusa recorded a refund Avarda did
 * not make.
 *
 * One workflow per payment (see resend-unconfirmed.ts): answers that could not be recorded are
 * re-sent by the next run with the same tranIds.
 */
import type { IPaymentModuleService, Logger, MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { AvardaOrderManagementError } from "../../lib/avarda/authorization-api/errors"
import { isRequestRefusalStatus } from "../../lib/http/errors"
import { toAvardaItems } from "../../lib/avarda/authorization-api/request"
import { AVARDA_AUTHORIZATION_API } from "../../lib/plugin-vendors"
import { awaitingResend, unconfirmedCallsIn } from "../../lib/unconfirmed-calls"
import { readAvardaPaymentData, type AvardaPaymentData } from "../../providers/avarda/core/payment-data"
import { isAvardaProviderId } from "../../providers/avarda/core/provider-ids"
import { avardaClientFor, avardaOptionsFor } from "../../providers/avarda/core/runtime-config"
import { orderReferenceForManagement } from "../../providers/avarda-credit/credit-policies"
import { anotherAttempt, createResendWorkflow, noteAnotherAttempt, noAnswers, resendUnconfirmedCalls, type ResendInput, type ResendReport } from "../shared/resend-unconfirmed"
import { registeredProviderIds } from "../../operations/shared/registered-provider-ids"

export type ReturnRefusal = { paymentId: string; tranId: string; error: string }
export type ReturnConfirmationReport = ResendReport<ReturnRefusal>

const openReturns = (data: AvardaPaymentData | undefined) => (data?.returns ?? []).filter((r) => r.unconfirmed && !r.unconfirmed.failed)

const hasOpenReturns = (raw: Record<string, unknown> | null | undefined): boolean =>
  !!readAvardaPaymentData(raw ?? undefined)?.authorization_id && unconfirmedCallsIn(raw, AVARDA_AUTHORIZATION_API.unconfirmedCallPlaces).some(awaitingResend)

export const resendUnconfirmedAvardaReturnsStep = createStep(
  "resend-unconfirmed-avarda-returns",
  async (input: ResendInput, { container }) => {
    const answers = noAnswers<ReturnRefusal>(input.payment_id)
    const paymentModule = container.resolve<IPaymentModuleService>(Modules.PAYMENT)
    const current = (await paymentModule.retrievePayment(input.payment_id, { select: ["id", "data"] })).data as Record<string, unknown>
    if (!hasOpenReturns(current)) return new StepResponse(answers)
    const logger = container.resolve<Logger>(ContainerRegistrationKeys.LOGGER)
    const client = avardaClientFor(container, input.provider_id)
    const posId = avardaOptionsFor(container, input.provider_id).posId
    const data = readAvardaPaymentData(current)!
    for (const entry of openReturns(data)) {
      const subject = `Avarda refund (tranId ${entry.tran_id}) of authorization ${data.authorization_id}`
      try {
        await client.returnItems(data.authorization_id!, {
          items: toAvardaItems(entry.rows, data.currency_code),
          orderReference: entry.order_reference ?? orderReferenceForManagement(data),
          tranId: entry.tran_id,
          posId,
        })
        delete entry.unconfirmed
        answers.confirmed.push(`${input.payment_id}:${entry.tran_id}`)
        logger.info(`${subject}: confirmed by re-sending it`)
      } catch (error) {
        const message = (error as Error).message
        // Only Avarda's answer to the return itself refuses it. No connection, no answer, a server
        // error, a token request that failed or credentials turned away say nothing about the
        // refund: it goes again with the same tranId.
        if (error instanceof AvardaOrderManagementError && isRequestRefusalStatus(error.status)) {
          entry.unconfirmed = { ...anotherAttempt(entry.unconfirmed!, message), failed: true }
          answers.refused.push({ paymentId: input.payment_id, tranId: entry.tran_id, error: message })
          logger.error(`${subject} was recorded in Medusa but Avarda refuses it (${message}): check the order in Avarda's back office`)
        } else {
          entry.unconfirmed = anotherAttempt(entry.unconfirmed!, message)
          noteAnotherAttempt(answers, error)
        }
      }
    }
    answers.data = { ...current, returns: data.returns }
    return new StepResponse(answers)
  }
)

/** Re-sends one payment's unconfirmed Avarda returns under its lock and records the answers. */
export const confirmAvardaReturnsWorkflow = createResendWorkflow("confirm-unconfirmed-avarda-returns", resendUnconfirmedAvardaReturnsStep)

/** Runs the workflow for every payment of the Avarda (Authorization API) providers with an open return. */
export async function confirmAvardaReturns(container: MedusaContainer): Promise<ReturnConfirmationReport> {
  return resendUnconfirmedCalls(container, {
    vendorName: AVARDA_AUTHORIZATION_API.name,
    providerIds: await registeredProviderIds(container, isAvardaProviderId),
    places: AVARDA_AUTHORIZATION_API.unconfirmedCallPlaces,
    what: "re-sent Avarda returns",
    workflow: confirmAvardaReturnsWorkflow,
  })
}
