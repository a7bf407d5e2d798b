/**
 * The interactive part of the Avirato check (`--interactive`): three Test sessions the operator pays
 * on Avirato's hosted page with a test card, then on those payments the modifications the plugin
 * uses — extend, capture, refund, cancel — and the webhooks Avirato sends for each, received by the
 * command's own listener. The scenario records what happened; the checks judge it.
 */
import type { AviratoAmount, AviratoSession, ModificationAccepted } from "../../lib/avirato/schemas"
import { parseWebhookEvent, webhookEventKey, type AviratoEventKind, type AviratoWebhookEvent } from "../../lib/avirato/webhook-event"
import { describeError, Unreachable } from "../check"
import type { VerifyContext } from "../verify-context"
import { RETURN_PATH, WEBHOOK_PATH, WebhookListener, type WebhookDelivery } from "./webhook-listener"

/** The person at the browser, as the command talks to them (a test plays this part against the sandbox). */
export interface VerifyOperator {
  tell(message: string): void
  /** Pages to pay; the scenario then waits until Avirato reports each session completed. */
  payPages(pages: readonly PaymentPage[]): void | Promise<void>
  /** Resolves once `webhookUrl` is Avirato's Test webhook URL (not asked when the target is a sandbox). */
  webhookUrlRegistered(webhookUrl: string): Promise<void>
}

export interface PaymentPage {
  label: PaymentLabel
  url: string
  /** e.g. "pre-authorisation, 50.00 EUR". */
  description: string
}

export interface InteractiveSetup {
  operator: VerifyOperator
  /** Port the listener takes (0 = any free port) and its interface. */
  listenPort: number
  listenHost: string
  /** Public URL that reaches the listener (a tunnel), when Avirato cannot reach this machine directly. */
  publicUrl?: string
}

export type PaymentLabel = "P1" | "P2" | "P3"

/** The three test payments: two pre-authorisations and one captured at authorisation. */
const PAYMENTS: ReadonlyArray<{ label: PaymentLabel; isPreAuth: boolean; value: number; use: string }> = [
  { label: "P1", isPreAuth: true, value: 5000, use: "extend, capture 30.00, refund 10.00, capture again, cancel" },
  { label: "P2", isPreAuth: true, value: 2000, use: "cancel" },
  { label: "P3", isPreAuth: false, value: 3000, use: "capture, refund 10.00 twice, refund 50.00" },
]

export interface PaymentRecord {
  label: PaymentLabel
  isPreAuth: boolean
  amount: AviratoAmount
  sessionId: string
  customReference: string
  /** GET session once the operator has paid. */
  session: AviratoSession
  paymentReference: string
}

export type ModificationType = "capture" | "cancel" | "extend" | "refund"

export interface ModificationRecord {
  payment: PaymentLabel
  /** What this step is about, e.g. "capture-again". */
  step: string
  type: ModificationType
  amount?: AviratoAmount
  accepted?: ModificationAccepted
  /** The request was refused synchronously. */
  error?: string
  /** The webhook reporting its outcome, when one arrived. */
  event?: ReceivedEvent
}

export interface ReceivedEvent extends AviratoWebhookEvent {
  delivery: WebhookDelivery
}

export interface ScenarioRecord {
  payments: Record<PaymentLabel, PaymentRecord>
  modifications: ModificationRecord[]
  deliveries: readonly WebhookDelivery[]
  returns: WebhookListener["returns"]
  /** GET session of P1 after its capture and refund. */
  sessionAfterModifications?: AviratoSession
  /** The delivery answered 503 and whether the same event came again. */
  retry?: { refused: WebhookDelivery; redelivered?: WebhookDelivery }
  secrets: readonly string[]
}

const KIND_OF: Record<ModificationType, AviratoEventKind> = { capture: "capture", cancel: "cancellation", extend: "extension", refund: "refund" }

export function receivedEvents(deliveries: readonly WebhookDelivery[]): ReceivedEvent[] {
  return deliveries.flatMap((delivery) => {
    let body: unknown
    try {
      body = JSON.parse(delivery.rawBody)
    } catch {
      return []
    }
    const event = parseWebhookEvent(body)
    return event ? [{ ...event, delivery }] : []
  })
}

/** Registers the listener as the sandbox's Test webhook URL (what the dashboard does at Avirato); returns the undo. */
async function registerInSandbox(origin: string, url: string): Promise<() => Promise<void>> {
  const control = `${origin}/__sandbox/avirato`
  const before = (await (await fetch(`${control}/webhooks`)).json()) as { webhookUrls?: { test?: string | null } }
  const put = (value: string | null) =>
    fetch(`${control}/webhook-url`, { method: "PUT", headers: { "content-type": "application/json" }, body: JSON.stringify({ environment: "test", url: value }) })
  const response = await put(url)
  if (!response.ok) throw new Unreachable(`could not set the sandbox's Test webhook URL (HTTP ${response.status})`)
  return async () => {
    await put(before.webhookUrls?.test ?? null)
  }
}

export async function runHostedPaymentScenario(context: VerifyContext, setup: InteractiveSetup): Promise<ScenarioRecord> {
  const { operator } = setup
  const aviratoConfig = context.configured("avirato")
  const client = context.avirato()
  const listener = new WebhookListener({ refuseFirstDelivery: true })
  const localUrl = await listener.start(setup.listenPort, setup.listenHost)
  const publicUrl = (setup.publicUrl ?? localUrl).replace(/\/+$/, "")
  let unregister: (() => Promise<void>) | undefined
  try {
    const webhookUrl = `${publicUrl}${WEBHOOK_PATH}`
    if (context.target.kind === "sandbox" && context.target.sandboxOrigin) {
      unregister = await registerInSandbox(context.target.sandboxOrigin, webhookUrl)
    } else {
      await operator.webhookUrlRegistered(webhookUrl)
    }

    const created = await Promise.all(
      PAYMENTS.map(async (payment) => {
        const amount = { value: payment.value, currency: "EUR" }
        const customReference = context.reference(payment.label)
        const session = await client.createSession(
          {
            amount,
            urlOk: `${publicUrl}${RETURN_PATH}/ok?payment=${payment.label}`,
            urlKo: `${publicUrl}${RETURN_PATH}/ko?payment=${payment.label}`,
            isPreAuth: payment.isPreAuth,
            customReference,
            description: `Go-live check ${payment.label} (test card)`,
            countryCode: "ES",
            shopperLocale: "en-GB",
          },
          context.reference(`${payment.label}-create`)
        )
        return { ...payment, amount, customReference, sessionId: session.sessionId, paymentUrl: session.paymentUrl ?? "" }
      })
    )
    await operator.payPages(
      created.map((payment) => ({
        label: payment.label,
        url: payment.paymentUrl,
        description: `${payment.isPreAuth ? "pre-authorisation" : "auto-capture"}, ${(payment.value / 100).toFixed(2)} EUR (then: ${payment.use})`,
      }))
    )

    const paid = await Promise.all(
      created.map(async (payment) => {
        const session = await context.waitFor(`payment ${payment.label} completed on the hosted page`, context.settings.paymentWaitMs, async () => {
          const read = await client.getSession(payment.sessionId)
          if (read.status === "completed" && read.paymentReference) return read
          if (["failed", "expired", "cancelled"].includes(read.status)) throw new Unreachable(`payment ${payment.label} ended ${read.status}: pay it with the card 4111 1111 1111 1111, 12/30, CVC 737, holder "Test User"`)
          return undefined
        })
        return { ...payment, session, paymentReference: session.paymentReference! }
      })
    )
    const payments = Object.fromEntries(
      paid.map((p) => [p.label, { label: p.label, isPreAuth: p.isPreAuth, amount: p.amount, sessionId: p.sessionId, customReference: p.customReference, session: p.session, paymentReference: p.paymentReference }])
    ) as Record<PaymentLabel, PaymentRecord>
    operator.tell("All three payments are completed. Running the modifications and waiting for Avirato's webhooks…")

    const claimed = new Set<WebhookDelivery>()
    const waitForEvent = async (matches: (event: ReceivedEvent) => boolean): Promise<ReceivedEvent | undefined> => {
      try {
        return await context.waitFor("webhook", context.settings.webhookWaitMs, async () => {
          const event = receivedEvents(listener.deliveries).find((candidate) => !claimed.has(candidate.delivery) && matches(candidate))
          if (event) claimed.add(event.delivery)
          return event
        })
      } catch (error) {
        if (error instanceof Unreachable) return undefined
        throw error
      }
    }
    // Each payment's AUTHORISATION webhook first, so modification events are told apart from it.
    await Promise.all(
      Object.values(payments).map((payment) =>
        waitForEvent((event) => event.kind === "authorisation" && (event.paymentReference === payment.paymentReference || event.sessionId === payment.sessionId))
      )
    )

    const modifications: ModificationRecord[] = []
    const modify = async (payment: PaymentRecord, step: string, type: ModificationType, amount?: number, reason?: "CUSTOMER REQUEST" | "OTHER") => {
      const record: ModificationRecord = { payment: payment.label, step, type, ...(amount !== undefined ? { amount: { value: amount, currency: "EUR" } } : {}) }
      modifications.push(record)
      const idempotencyKey = context.reference(`${payment.label}-${step}`)
      const paymentReference = payment.paymentReference
      try {
        record.accepted =
          type === "refund"
            ? await client.refund({ paymentReference, amount: record.amount!, reason: reason ?? "CUSTOMER REQUEST" }, idempotencyKey)
            : type === "cancel"
              ? await client.cancel({ paymentReference }, idempotencyKey)
              : type === "capture"
                ? await client.capture({ paymentReference, ...(record.amount ? { amount: record.amount } : {}) }, idempotencyKey)
                : await client.extend({ paymentReference }, idempotencyKey)
      } catch (error) {
        record.error = describeError(error)
      }
      return record
    }
    const outcome = async (record: ModificationRecord) => {
      if (!record.accepted) return
      const reference = record.accepted.modificationReference
      const paymentReference = payments[record.payment].paymentReference
      record.event = await waitForEvent((event) =>
        reference ? event.modificationReference === reference : event.kind === KIND_OF[record.type] && event.paymentReference === paymentReference
      )
    }

    await Promise.all([
      (async () => {
        const p1 = payments.P1
        await outcome(await modify(p1, "extend", "extend"))
        // The refund goes out right after the capture's 202, before its webhook.
        const capture = await modify(p1, "capture", "capture", 3000)
        const refund = await modify(p1, "refund-after-capture", "refund", 1000)
        await Promise.all([outcome(capture), outcome(refund)])
        await outcome(await modify(p1, "capture-again", "capture", 1000))
        await outcome(await modify(p1, "cancel-after-capture", "cancel"))
      })(),
      (async () => {
        await outcome(await modify(payments.P2, "cancel", "cancel"))
      })(),
      (async () => {
        const p3 = payments.P3
        await outcome(await modify(p3, "capture-auto-captured", "capture", 3000))
        await outcome(await modify(p3, "refund-1", "refund", 1000, "OTHER"))
        await outcome(await modify(p3, "refund-2", "refund", 1000))
        await outcome(await modify(p3, "over-refund", "refund", 5000))
      })(),
    ])
    const sessionAfterModifications = await client.getSession(payments.P1.sessionId)

    const refused = listener.deliveries.find((delivery) => delivery.answered !== 200)
    let retry: ScenarioRecord["retry"]
    if (refused) {
      const key = receivedEvents([refused])[0]
      const redelivery = async () =>
        listener.deliveries.find((delivery) => delivery !== refused && key !== undefined && receivedEvents([delivery]).some((event) => webhookEventKey(event) === webhookEventKey(key)))
      const redelivered = await context.waitFor("the refused webhook again", context.settings.webhookWaitMs, redelivery).catch(() => undefined)
      retry = { refused, ...(redelivered ? { redelivered } : {}) }
    }

    return {
      payments,
      modifications,
      deliveries: [...listener.deliveries],
      returns: listener.returns,
      sessionAfterModifications,
      ...(retry ? { retry } : {}),
      secrets: aviratoConfig.clientSecrets,
    }
  } finally {
    await unregister?.().catch(() => undefined)
    await listener.stop()
  }
}
