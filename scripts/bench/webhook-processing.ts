// The timed half of the benchmark's `webhook-processing` row, run with `medusa exec` against the
// benchmark's database (scripts/bench/rows/webhook-processing.mjs prepares the carts and reads the
// answer). In this process, with the app's modules loaded:
//
// - avirato: what the server does with one queued, authentic AUTHORISATION webhook of a paid
//   Avirato session — Medusa's own webhook subscriber (the provider's getWebhookActionAndData
//   authenticates the event and leaves it to the plugin) and the plugin's subscriber for the same
//   event (Medusa's cart completion, which authorises the session through the provider), one after
//   the other;
// - system: Medusa's processPaymentWorkflow alone, run the same way (the workflow engine) for a
//   cart whose session is Medusa's system provider.
//
// Rounds alternate in a fresh random order. The vendor's own answer time (the sandbox's journal) is
// removed from each Avirato run and the Avirato calls it caused are counted.
//
// Input ($BENCH_PROCESSING_INPUT, JSON): { sandboxOrigin, avirato: [{ cartId, paymentSessionId,
// aviratoSessionId, paymentReference, amount: { value, currency } }], system: [{ cartId,
// paymentSessionId, amount }] }. Output ($BENCH_PROCESSING_OUTPUT): { avirato: [ms], system: [ms],
// avirato_calls: [n], failures: [message] }.
import { randomUUID } from "node:crypto"
import fs from "node:fs"
import type { ExecArgs, MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules, PaymentActions, PaymentWebhookEvents } from "@medusajs/framework/utils"
import { processPaymentWorkflowId } from "@medusajs/medusa/core-flows"
import medusaWebhookSubscriber from "@medusajs/medusa/subscribers/payment-webhook"
import aviratoWebhookOutcomes from "../../src/subscribers/avirato-webhook-outcomes"
import { aviratoProvider } from "../../src/providers/avirato/core/configured-providers"
import { signWebhookPayload } from "../../src/sandbox/avirato/webhook-signature"

const AVIRATO_PROVIDER = "avirato-card_avirato"

interface AviratoRound {
  cartId: string
  paymentSessionId: string
  aviratoSessionId: string
  paymentReference: string
  amount: { value: number; currency: string }
}

interface SystemRound {
  cartId: string
  paymentSessionId: string
  amount: number
}

interface Input {
  sandboxOrigin: string
  avirato: AviratoRound[]
  system: SystemRound[]
}

interface JournalEntry {
  route: string
  path: string
  body?: unknown
  durationMs?: number
}

/**
 * The Avirato calls made for the round's session: its id is in the path or the body. Other calls in
 * the window (the app's own reconciliation job reading pending sessions) are not the event's.
 */
function callsOfSession(entries: JournalEntry[], aviratoSessionId: string): JournalEntry[] {
  return entries.filter(
    (entry) => entry.route.startsWith("avirato.") && (entry.path.includes(aviratoSessionId) || JSON.stringify(entry.body ?? null).includes(aviratoSessionId))
  )
}

async function journal(origin: string): Promise<JournalEntry[]> {
  const res = await fetch(`${origin}/__sandbox/journal`)
  return (await res.json()) as JournalEntry[]
}

async function clearJournal(origin: string): Promise<void> {
  await (await fetch(`${origin}/__sandbox/journal`, { method: "DELETE" })).arrayBuffer()
}

/** The webhook as Medusa's hook route queues it: parsed body, raw body and headers, signed now. */
function queuedWebhook(round: AviratoRound, clientSecret: string) {
  const raw = JSON.stringify({
    eventId: `bench_${randomUUID()}`,
    event_code: "AUTHORISATION",
    success: true,
    createdAt: new Date().toISOString(),
    webcode: "SHOP01",
    data: {
      sessionId: round.aviratoSessionId,
      paymentReference: round.paymentReference,
      customReference: round.paymentSessionId,
      amount: round.amount,
      paymentStatus: "AUTHORISED",
      isPreAuth: false,
    },
  })
  const t = Math.floor(Date.now() / 1000)
  const headers = {
    "content-type": "application/json",
    "x-avirato-timestamp": String(t),
    "x-avirato-signature": `t=${t},v1=${signWebhookPayload(clientSecret, t, raw)}`,
  }
  return { provider: AVIRATO_PROVIDER, payload: { data: JSON.parse(raw), rawData: Buffer.from(raw), headers } }
}

async function cartCompleted(container: MedusaContainer, cartId: string): Promise<boolean> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({ entity: "cart", fields: ["id", "completed_at"], filters: { id: cartId } })
  return !!(data[0] as { completed_at?: unknown } | undefined)?.completed_at
}

function shuffled<T>(items: T[]): T[] {
  const copy = [...items]
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1))
    ;[copy[i], copy[j]] = [copy[j], copy[i]]
  }
  return copy
}

export default async function webhookProcessing({ container }: ExecArgs): Promise<void> {
  const input = JSON.parse(fs.readFileSync(process.env.BENCH_PROCESSING_INPUT ?? "", "utf8")) as Input
  const clientSecret = aviratoProvider(container, `pp_${AVIRATO_PROVIDER}`)?.options.clientSecrets[0]
  if (!clientSecret) throw new Error(`no ${AVIRATO_PROVIDER} provider is configured`)
  const workflows = container.resolve(Modules.WORKFLOW_ENGINE)
  const out = {
    avirato: [] as number[],
    system: [] as number[],
    avirato_calls: [] as number[],
    /** The plugin side split in two (vendor time not removed): Medusa's webhook subscriber, the plugin's subscriber. */
    medusa_subscriber: [] as number[],
    plugin_subscriber: [] as number[],
    failures: [] as string[],
  }

  const sides = {
    avirato: async (round: AviratoRound) => {
      const event = { name: PaymentWebhookEvents.WebhookReceived, data: queuedWebhook(round, clientSecret) }
      await clearJournal(input.sandboxOrigin)
      const started = process.hrtime.bigint()
      await medusaWebhookSubscriber({ event, container } as never)
      const medusaDone = process.hrtime.bigint()
      await aviratoWebhookOutcomes({ event, container } as never)
      const ms = Number(process.hrtime.bigint() - started) / 1e6
      out.medusa_subscriber.push(Number(medusaDone - started) / 1e6)
      out.plugin_subscriber.push(Number(process.hrtime.bigint() - medusaDone) / 1e6)
      const calls = callsOfSession(await journal(input.sandboxOrigin), round.aviratoSessionId)
      if (!(await cartCompleted(container, round.cartId))) throw new Error(`the webhook did not complete cart ${round.cartId}`)
      out.avirato.push(ms - calls.reduce((sum, entry) => sum + (entry.durationMs ?? 0), 0))
      out.avirato_calls.push(calls.length)
    },
    system: async (round: SystemRound) => {
      const started = process.hrtime.bigint()
      await workflows.run(processPaymentWorkflowId, {
        input: { action: PaymentActions.AUTHORIZED, data: { session_id: round.paymentSessionId, amount: round.amount } },
      })
      const ms = Number(process.hrtime.bigint() - started) / 1e6
      if (!(await cartCompleted(container, round.cartId))) throw new Error(`processPaymentWorkflow did not complete cart ${round.cartId}`)
      out.system.push(ms)
    },
  }

  const rounds = Math.min(input.avirato.length, input.system.length)
  for (let i = 0; i < rounds; i++) {
    for (const side of shuffled(["avirato", "system"] as const)) {
      try {
        if (side === "avirato") await sides.avirato(input.avirato[i])
        else await sides.system(input.system[i])
      } catch (error) {
        out.failures.push(`${side}: ${(error as Error).message}`)
      }
    }
  }
  fs.writeFileSync(process.env.BENCH_PROCESSING_OUTPUT ?? "", JSON.stringify(out))
}
