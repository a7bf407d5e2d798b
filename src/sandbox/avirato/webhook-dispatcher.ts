import type { OutboundDelivery, SandboxContext } from "../core/types"
import { clientSecretFor, type AviratoEnvironment } from "./environment"
import { formatAviratoTimestamp, unixSeconds } from "./timestamps"
import type { AviratoWebhookBody, PendingWebhookEvent } from "./webhook-events"
import { webhookSignatureHeaders } from "./webhook-signature"
import { postRaw } from "./webhook-transport"

export type ReleaseOrder = "reverse" | "original"

interface Delivery {
  record: OutboundDelivery & { environment: AviratoEnvironment; eventId: string }
  attemptsMade: number
}

/**
 * Sends Avirato webhooks: one POST per event to the environment's URL, signed per attempt, retried
 * with exponential backoff (base · 2^(n-1)) on non-2xx or network errors up to `webhookMaxAttempts`.
 * Test switches: duplicate the next event, hold events and release them (reversed by default), or
 * disable delivery (events are then dropped, as Avirato never back-fills).
 */
export class WebhookDispatcher {
  private readonly urls: Record<AviratoEnvironment, string | undefined>
  private disabled = false
  private duplicateNext = false
  private holding = false
  private held: Delivery[] = []
  private inProgress = 0
  private idleWaiters: Array<() => void> = []
  /** Bumped by reset(): callbacks of an older generation are ignored. */
  private generation = 0

  constructor(private readonly ctx: SandboxContext) {
    this.urls = { live: ctx.options.avirato.webhookUrl, test: ctx.options.avirato.testWebhookUrl }
  }

  setUrl(environment: AviratoEnvironment, url: string | undefined): void {
    this.urls[environment] = url
  }

  url(environment: AviratoEnvironment): string | undefined {
    return this.urls[environment]
  }

  duplicateNextEvent(): void {
    this.duplicateNext = true
  }

  hold(): void {
    this.holding = true
  }

  /** Stop holding and send what was held, reversed by default; resolves once each had its first attempt. */
  async release(order: ReleaseOrder = "reverse"): Promise<void> {
    this.holding = false
    const batch = order === "reverse" ? [...this.held].reverse() : [...this.held]
    this.held = []
    for (const delivery of batch) await this.attempt(delivery, this.generation)
  }

  heldCount(): number {
    return this.held.length
  }

  setEnabled(enabled: boolean): void {
    this.disabled = !enabled
  }

  enabled(): boolean {
    return !this.disabled
  }

  /** Resolves when no delivery is waiting or being sent (held events do not count). */
  idle(): Promise<void> {
    if (this.inProgress === 0) return Promise.resolve()
    return new Promise((resolve) => this.idleWaiters.push(resolve))
  }

  emit(event: PendingWebhookEvent): void {
    const now = this.ctx.clock.now()
    const body: AviratoWebhookBody = {
      eventId: this.ctx.ids.next("evt_"),
      event_code: event.body.event_code,
      success: event.body.success,
      createdAt: formatAviratoTimestamp(now),
      webcode: event.body.webcode,
      data: event.body.data,
    }
    const copies = this.duplicateNext ? 2 : 1
    this.duplicateNext = false
    for (let copy = 0; copy < copies; copy++) this.enqueue(event.environment, body)
  }

  reset(): void {
    this.generation += 1
    this.urls.live = this.ctx.options.avirato.webhookUrl
    this.urls.test = this.ctx.options.avirato.testWebhookUrl
    this.disabled = false
    this.duplicateNext = false
    this.holding = false
    this.held = []
    this.inProgress = 0
    this.notifyIdle()
  }

  private enqueue(environment: AviratoEnvironment, body: AviratoWebhookBody): void {
    const url = this.urls[environment]
    const delivery: Delivery = {
      record: {
        id: this.ctx.ids.next("whd_"),
        url: url ?? "",
        event: body.event_code,
        body: JSON.stringify(body),
        attempts: [],
        delivered: false,
        environment,
        eventId: body.eventId,
      },
      attemptsMade: 0,
    }
    const at = this.ctx.clock.now().toISOString()
    if (this.disabled || !url) {
      const reason = this.disabled ? "Webhooks are disabled" : `No ${environment} webhook URL configured`
      delivery.record.attempts.push({ at, error: `${reason}; event dropped` })
      this.ctx.recordOutbound(delivery.record)
      return
    }
    this.ctx.recordOutbound(delivery.record)
    if (this.holding) {
      this.held.push(delivery)
      return
    }
    this.schedule(delivery, this.ctx.options.avirato.webhookDelayMs)
  }

  private schedule(delivery: Delivery, delayMs: number): void {
    const generation = this.generation
    this.inProgress += 1
    this.ctx.timers.setTimeout(() => {
      void this.attempt(delivery, generation).finally(() => {
        if (generation !== this.generation) return
        this.inProgress -= 1
        this.notifyIdle()
      })
    }, delayMs)
  }

  private async attempt(delivery: Delivery, generation: number): Promise<void> {
    const { record } = delivery
    const settings = this.ctx.options.avirato
    const timestamp = unixSeconds(this.ctx.clock.now())
    const headers = {
      "content-type": "application/json",
      "user-agent": "AviratoPayments-Webhooks (sandbox)",
      ...webhookSignatureHeaders(clientSecretFor(settings, record.environment), timestamp, record.body),
    }
    delivery.attemptsMade += 1
    let status: number | undefined
    let error: string | undefined
    try {
      status = await postRaw(record.url, record.body, headers, this.ctx.signal)
    } catch (caught) {
      error = (caught as Error).message
    }
    if (generation !== this.generation || this.ctx.signal.aborted) return
    const ok = status !== undefined && status >= 200 && status < 300
    record.attempts.push({ at: this.ctx.clock.now().toISOString(), ...(status !== undefined ? { status } : { error }) })
    record.delivered = ok
    this.ctx.recordOutbound(record)
    if (!ok && delivery.attemptsMade < settings.webhookMaxAttempts) {
      this.schedule(delivery, settings.webhookRetryBaseMs * 2 ** (delivery.attemptsMade - 1))
    }
    this.ctx.options.log(
      `[avirato] webhook ${record.event} ${record.eventId} → ${record.url}: ${ok ? status : (error ?? status)} (attempt ${delivery.attemptsMade})`,
    )
  }

  private notifyIdle(): void {
    if (this.inProgress !== 0) return
    const waiters = this.idleWaiters
    this.idleWaiters = []
    for (const resolve of waiters) resolve()
  }
}
