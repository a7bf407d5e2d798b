/**
 * Re-sending vendor calls whose outcome was never known (recorded as `unconfirmed` in the payment's
 * data) with the same idempotency key or tranId, for the scheduled jobs. The vendor applies a key
 * once, so a call that did arrive the first time is answered, not applied again.
 *
 * Each payment goes through one workflow of four steps: take the payment's lock, re-send its open
 * calls (reading the payment again under the lock), record the vendor's answers in its data, release
 * the lock. A call the vendor made cannot be taken back, so the re-send step has no compensation;
 * when recording fails, the engine compensates the lock step (the lock is released), the calls stay
 * unconfirmed in the database, and the next run re-sends the same keys.
 *
 * The walk goes over the payments of the given providers a page at a time. Postgres hands it only
 * those whose data mentions an unconfirmed call under one of the keys where the calls are recorded
 * (a text match on that JSON value: it also matches calls given up on, never misses an open one);
 * which of them have open calls is decided per row from the data read with it. A payment whose
 * workflow fails is reported and logged, and the walk goes on.
 */
import { awaitingResend, unconfirmedCallsIn, type UnconfirmedCallPlaces } from "../../lib/unconfirmed-calls"
import type { Logger, MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createWorkflow, WorkflowResponse, type StepFunction } from "@medusajs/framework/workflows-sdk"
import { forEachPageOfRows } from "../../operations/shared/paged-rows"
import { isCredentialsRefusal } from "../../lib/http/errors"
import { alertAdmin } from "../../operations/shared/alert-admin"
import { acquirePaymentLockStep, releasePaymentLockStep } from "./payment-lock-steps"
import { recordPaymentDataStep, type PaymentDataToRecord } from "./record-payment-data-step"

/** The payment whose open calls a workflow re-sends. */
export interface ResendInput {
  payment_id: string
  provider_id: string
}

/** The vendor's answers to one payment's re-sent calls, and the payment data that records them. */
export interface ResendAnswers<Refusal> extends PaymentDataToRecord {
  /** `payment id:key` of each call the vendor confirmed. */
  confirmed: string[]
  /** Calls the vendor refuses: Medusa recorded something the vendor did not do. */
  refused: Refusal[]
  /** Calls still without a readable answer. */
  still_unknown: number
  /**
   * The vendor's answer when it turned the provider's credentials away (401/403) on one of the
   * calls: counted with the calls still without an answer, and reported to the admin by the walk.
   */
  credentials_refused: string | null
}

export interface ResendReport<Refusal> {
  confirmed: string[]
  refused: Refusal[]
  stillUnknown: number
  /** Payments whose answers could not be recorded; the next run re-sends their keys. */
  notRecorded: Array<{ paymentId: string; error: string }>
  /** Providers whose credentials the vendor turned away during the run, with its first such answer. */
  credentialsRefused: Array<{ providerId: string; error: string }>
}

/** Nothing answered yet for a payment: the start of a re-send step's answers. */
export const noAnswers = <Refusal>(paymentId: string): ResendAnswers<Refusal> => ({
  payment_id: paymentId,
  data: null,
  confirmed: [],
  refused: [],
  still_unknown: 0,
  credentials_refused: null,
})

/** The workflow around a vendor's re-send step: lock, re-send, record, release. */
export function createResendWorkflow<Refusal>(name: string, resendStep: StepFunction<ResendInput, ResendAnswers<Refusal>>) {
  return createWorkflow(name, (input: ResendInput) => {
    const lock = acquirePaymentLockStep({ payment_id: input.payment_id })
    const answers = resendStep(input)
    recordPaymentDataStep(answers)
    releasePaymentLockStep(lock)
    return new WorkflowResponse(answers)
  })
}

export interface ResendWalk<Refusal> {
  providerIds: string[]
  /** The vendor as the admin names it (its registry entry's name). */
  vendorName: string
  /** Where the vendor family records its calls in the payment data (its registry entry's places). */
  places: UnconfirmedCallPlaces
  /** Names the calls in the log line of a payment whose workflow failed. */
  what: string
  workflow: ReturnType<typeof createResendWorkflow<Refusal>>
}

/**
 * Runs `workflow` for every payment of `providerIds` with open calls; adds up their answers. A
 * provider whose credentials the vendor turned away is reported to the admin (see
 * `alertCredentialsRefused`); its payments still run, since a refusal may concern one payment only.
 */
export async function resendUnconfirmedCalls<Refusal>(
  container: MedusaContainer,
  { providerIds, vendorName, places, what, workflow }: ResendWalk<Refusal>
): Promise<ResendReport<Refusal>> {
  const report: ResendReport<Refusal> = { confirmed: [], refused: [], stillUnknown: 0, notRecorded: [], credentialsRefused: [] }
  if (!providerIds.length) return report
  const logger = container.resolve<Logger>(ContainerRegistrationKeys.LOGGER)
  await forEachPageOfRows<{ id: string; provider_id: string; data?: Record<string, unknown> | null }>(
    container,
    { entity: "payment", fields: ["id", "provider_id", "data"], filters: { provider_id: providerIds, $or: Object.values(places).map(holdsUnconfirmedMark) } },
    async (payments) => {
      for (const payment of payments) {
        if (!unconfirmedCallsIn(payment.data, places).some(awaitingResend)) continue
        try {
          const { result } = await workflow(container).run({ input: { payment_id: payment.id, provider_id: payment.provider_id } })
          report.confirmed.push(...result.confirmed)
          report.refused.push(...(result.refused as Refusal[]))
          report.stillUnknown += result.still_unknown
          if (result.credentials_refused && !report.credentialsRefused.some((r) => r.providerId === payment.provider_id)) {
            report.credentialsRefused.push({ providerId: payment.provider_id, error: result.credentials_refused })
          }
        } catch (error) {
          const message = (error as Error).message
          report.notRecorded.push({ paymentId: payment.id, error: message })
          logger.warn(`The ${what} of payment ${payment.id} were not recorded (${message}); the next run re-sends them with the same keys`)
        }
      }
    }
  )
  for (const refusal of report.credentialsRefused) await alertCredentialsRefused(container, vendorName, what, refusal)
  return report
}

/**
 * Tells the admin that the vendor turned a provider's credentials away while the job re-sent its
 * calls: nothing is lost (the calls stay open and go again every run with the same keys), but none
 * can be confirmed until the settings are right. Once per provider and day (UTC), so a key that
 * stays wrong is brought up again the next day, not every minute.
 */
async function alertCredentialsRefused(container: MedusaContainer, vendorName: string, what: string, { providerId, error }: { providerId: string; error: string }): Promise<void> {
  const day = new Date().toISOString().slice(0, 10)
  await alertAdmin(container, {
    key: `avarda-avirato:credentials-refused:${providerId}:${day}`,
    title: `${vendorName} turned away the credentials of ${providerId}`,
    description:
      `${vendorName} answered "${error}" to the ${what}: calls Medusa recorded whose outcome ${vendorName} never confirmed. ` +
      `Nothing was refused or lost — the calls stay open and are sent again on every run with the same keys — but none can be ` +
      `confirmed until ${vendorName} accepts the provider's settings (the key or password, the environment, the addresses allowed to call).`,
    data: { provider_id: providerId },
  })
}

/**
 * Counts in `answers` a re-sent call that failed without an answer about it (no readable answer, or
 * the credentials turned away: the call was not looked at), to be sent again; notes the vendor's
 * first refusal of the credentials.
 */
export function noteAnotherAttempt<Refusal>(answers: ResendAnswers<Refusal>, error: unknown): void {
  answers.still_unknown++
  if (isCredentialsRefusal(error)) answers.credentials_refused ??= (error as Error).message
}

/** The record of an unconfirmed call after one more attempt that failed with `message`. */
export function anotherAttempt<Unconfirmed extends { attempts: number }>(unconfirmed: Unconfirmed, message: string): Unconfirmed & { last_error: string } {
  return { ...unconfirmed, attempts: unconfirmed.attempts + 1, last_error: message }
}

/**
 * Rows whose data holds, under `key`, an `unconfirmed` mark: an object. A mark cleared with null
 * (Medusa merges nested objects, so a confirmed call keeps `"unconfirmed": null`) does not match, so
 * the job does not read every payment that ever had such a call. Postgres writes jsonb as text with
 * `": "` between a key and its value.
 */
export function holdsUnconfirmedMark(key: string): Record<string, unknown> {
  return { data: { [key]: { $like: '%"unconfirmed": {%' } } }
}
