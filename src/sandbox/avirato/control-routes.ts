import { z } from "zod"
import type { SandboxRouter, SandboxResponse } from "../core/types"
import type { AviratoControl } from "./control"
import { AVIRATO_ENVIRONMENTS } from "./environment"
import { MODIFICATION_TYPES } from "./model"

const webhookUrlSchema = z.object({ environment: z.enum(AVIRATO_ENVIRONMENTS), url: z.url().nullable() })
const releaseSchema = z.object({ order: z.enum(["reverse", "original"]).optional() }).optional()
const failNextSchema = z.object({ type: z.enum(MODIFICATION_TYPES), reason: z.string().min(1).optional() })
const paySchema = z
  .object({ cardNumber: z.string(), expiry: z.string(), cvc: z.string(), holderName: z.string() })
  .partial()
  .optional()

function invalid(error: z.ZodError): SandboxResponse {
  return { status: 400, body: { error: "Invalid control request", issues: error.issues } }
}

function settingsView(control: AviratoControl) {
  return {
    webhookUrls: { live: control.webhookUrl("live") ?? null, test: control.webhookUrl("test") ?? null },
    heldWebhooks: control.heldWebhooks(),
  }
}

/** `/__sandbox/avirato/...`: the AviratoControl over HTTP (demo, console, other processes). */
export function mountAviratoControlRoutes(router: SandboxRouter, control: AviratoControl): void {
  const route = (method: string, path: string, name: string, handler: Parameters<SandboxRouter["route"]>[2]) =>
    router.route(method, `/__sandbox/avirato/${path}`, handler, { name: `sandbox.avirato.${name}` })

  route("GET", "webhooks", "webhooks.settings", () => ({ status: 200, body: settingsView(control) }))
  route("PUT", "webhook-url", "webhooks.url", (req) => {
    const parsed = webhookUrlSchema.safeParse(req.body)
    if (!parsed.success) return invalid(parsed.error)
    control.setWebhookUrl(parsed.data.environment, parsed.data.url ?? undefined)
    return { status: 200, body: settingsView(control) }
  })
  route("POST", "webhooks/duplicate-next", "webhooks.duplicate-next", () => {
    control.duplicateNextWebhook()
    return { status: 204 }
  })
  route("POST", "webhooks/hold", "webhooks.hold", () => {
    control.holdWebhooks()
    return { status: 204 }
  })
  route("POST", "webhooks/release", "webhooks.release", async (req) => {
    const parsed = releaseSchema.safeParse(req.body)
    if (!parsed.success) return invalid(parsed.error)
    await control.releaseWebhooks(parsed.data?.order)
    return { status: 204 }
  })
  route("POST", "webhooks/disable", "webhooks.disable", () => {
    control.disableWebhooks()
    return { status: 204 }
  })
  route("POST", "webhooks/enable", "webhooks.enable", () => {
    control.enableWebhooks()
    return { status: 204 }
  })
  route("POST", "modifications/fail-next", "modifications.fail-next", (req) => {
    const parsed = failNextSchema.safeParse(req.body)
    if (!parsed.success) return invalid(parsed.error)
    control.failNextModification(parsed.data.type, parsed.data.reason)
    return { status: 204 }
  })
  route("POST", "sessions/:sessionId/pay", "sessions.pay", async (req) => {
    const parsed = paySchema.safeParse(req.body)
    if (!parsed.success) return invalid(parsed.error)
    if (!control.session(req.params.sessionId)) return { status: 404, body: { error: "No such session" } }
    return { status: 200, body: await control.pay(req.params.sessionId, parsed.data) }
  })
  route("POST", "sessions/:sessionId/cancel", "sessions.cancel", async (req) => {
    if (!control.session(req.params.sessionId)) return { status: 404, body: { error: "No such session" } }
    return { status: 200, body: await control.cancelPaymentPage(req.params.sessionId) }
  })
}
