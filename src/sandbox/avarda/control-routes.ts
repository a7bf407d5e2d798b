/** Control routes under `/__sandbox/avarda/…` (demo, console, tests over HTTP). */
import { z } from "zod"
import type { SandboxRequest, SandboxResponse, SandboxRouter } from "../core/types"
import type { AvardaControl } from "./control"
import { PURCHASE_STATE } from "./standalone/purchases"

const idValidationBody = z.object({ action: z.enum(["identify", "cancel", "someone-else"]).optional() }).optional()
const statusBody = z.object({
  status: z.union([z.literal(0), z.literal(1), z.literal(2), z.literal(3)]),
  errorCode: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(5), z.literal(6), z.literal(7), z.literal(50), z.literal(51), z.literal(52), z.literal(100), z.literal(101)]).optional(),
})
const inBackOfficeBody = z.object({ inBackOffice: z.boolean().nullable() })
const electronicIdBody = z.object({ status: z.enum(["OK", "Cancel"]).optional() }).optional()
const purchaseStateBody = z.object({
  state: z.number().int().refine((value) => (Object.values(PURCHASE_STATE) as number[]).includes(value), "unknown State"),
})
const strongAuthBody = z.object({
  customerAuthToken: z.string().min(1),
  purchaseId: z.string().min(1),
  customerTokenProvider: z.enum(["Self", "Google"]).optional(),
})
const paymentBody = z.object({
  choice: z.enum(["full", "minimum", "custom", "cancel", "fail"]),
  amount: z.number().positive().optional(),
})

function run(action: () => unknown, successStatus = 200): SandboxResponse {
  try {
    return { status: successStatus, body: action() ?? { ok: true } }
  } catch (error) {
    if (error instanceof z.ZodError) return { status: 400, body: { error: "Invalid request", issues: error.issues } }
    const message = (error as Error).message
    return { status: message.startsWith("Unknown") ? 404 : 400, body: { error: message } }
  }
}

export function mountAvardaControlRoutes(router: SandboxRouter, control: AvardaControl): void {
  const route = (method: string, path: string, name: string, handler: (req: SandboxRequest) => SandboxResponse) =>
    router.route(method, `/__sandbox/avarda${path}`, handler, { name: `sandbox.avarda.${name}` })

  route("GET", "/state", "state", () =>
    run(() => ({
      authorizations: control.listAuthorizations(),
      standalonePurchases: control.listStandalonePurchases(),
      myPagesPayments: control.listMyPagesPayments(),
    })),
  )
  route("POST", "/authorizations/:authorizationId/id-validation", "id-validation", (req) =>
    run(() => control.completeIdValidation(req.params.authorizationId!, idValidationBody.parse(req.body)?.action)),
  )
  route("POST", "/authorizations/:authorizationId/status", "authorization.status", (req) =>
    run(() => {
      const body = statusBody.parse(req.body)
      return control.forceAuthorizationStatus(req.params.authorizationId!, body.status, body.errorCode)
    }),
  )
  route("POST", "/authorizations/:authorizationId/in-back-office", "authorization.in-back-office", (req) =>
    run(() => control.setInBackOffice(req.params.authorizationId!, inBackOfficeBody.parse(req.body).inBackOffice ?? undefined)),
  )
  route("POST", "/tokens/expire", "tokens.expire", () => run(() => control.expireAccessTokens()))
  route("POST", "/checkout2/purchases/:externalId/electronic-id", "checkout2.electronic-id", (req) =>
    run(() => control.completeElectronicId(req.params.externalId!, electronicIdBody.parse(req.body)?.status)),
  )
  route("POST", "/checkout2/purchases/:externalId/state", "checkout2.state", (req) =>
    run(() => control.forcePurchaseState(req.params.externalId!, purchaseStateBody.parse(req.body).state as never)),
  )
  route("POST", "/mypages/fixtures", "mypages.fixtures", (req) => run(() => control.seedMyPages(req.body as never), 201))
  route("POST", "/mypages/fixtures/demo", "mypages.fixtures.demo", () => run(() => control.seedMyPagesDemo(), 201))
  route("GET", "/mypages/accounts", "mypages.accounts", (req) => run(() => control.listMyPagesAccounts(req.query.get("purchaseId") ?? "")))
  route("POST", "/mypages/strong-auth", "mypages.strong-auth", (req) =>
    run(() => {
      const body = strongAuthBody.parse(req.body)
      control.completeStrongAuthentication(body.customerAuthToken, body.purchaseId, body.customerTokenProvider)
    }),
  )
  route("POST", "/mypages/payments/:purchaseId", "mypages.payment", (req) =>
    run(() => {
      const body = paymentBody.parse(req.body)
      if (body.choice === "custom" && body.amount === undefined) throw new Error("amount is required for choice 'custom'")
      return control.completeMyPagesPayment(req.params.purchaseId!, body.choice === "custom" ? { amount: body.amount! } : body.choice)
    }),
  )
}
