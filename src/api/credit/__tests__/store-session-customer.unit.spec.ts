// Both credit session routes run through the plugin's registered middlewares and link a logged-in
// customer (bearer token) to the payment session, as Medusa's own payment-session route does;
// guests still pass.
import { sign } from "jsonwebtoken"
import middlewares from "../../middlewares"
import { POST as startAvardaSession } from "../../store/avarda/payment-sessions/route"
import { POST as startStandaloneSession } from "../../store/avarda-standalone/payment-sessions/route"

const mockStarts: Array<{ route: string; input: Record<string, unknown> }> = []

jest.mock("../../../operations/avarda/start-credit-session", () => ({
  startAvardaCreditSession: async (_scope: unknown, input: Record<string, unknown>) => {
    mockStarts.push({ route: "avarda", input })
    return { kind: "cart_not_found" }
  },
}))
jest.mock("../../../operations/avarda-standalone/start-standalone-session", () => ({
  startStandaloneCreditSession: async (_scope: unknown, input: Record<string, unknown>) => {
    mockStarts.push({ route: "avarda-standalone", input })
    return { kind: "cart_not_found" }
  },
}))

const JWT_SECRET = "unit-test-jwt-secret"
const scope = {
  resolve: (key: string) =>
    ({
      configModule: { projectConfig: { http: { jwtSecret: JWT_SECRET } } },
      logger: { debug: () => undefined, warn: () => undefined, error: () => undefined },
    })[key],
}

function token(actorType: "customer" | "user", actorId: string): string {
  return sign({ actor_id: actorId, actor_type: actorType, auth_identity_id: "authid_1", app_metadata: {}, user_metadata: {} }, JWT_SECRET)
}

async function post(path: string, providerId: string, handler: (req: never, res: never) => Promise<void>, authorization?: string) {
  const routes = (middlewares as { routes: Array<{ matcher: string; method?: string[]; middlewares?: Array<(req: unknown, res: unknown, next: (e?: unknown) => void) => unknown> }> }).routes
  const req = {
    path,
    method: "POST",
    headers: authorization ? { authorization } : {},
    body: { cart_id: "cart_01HZX3C4T6B8D0F2H4K6M8P0RS", provider_id: providerId, personal_id_number: "194907011813" },
    scope,
  } as Record<string, unknown>
  const res = { statusCode: 200, status(code: number) { this.statusCode = code; return this }, json: jest.fn() }
  for (const route of routes.filter((r) => r.matcher === path && (!r.method || r.method.includes("POST")))) {
    for (const middleware of route.middlewares ?? []) {
      await new Promise<void>((resolve, reject) => {
        void Promise.resolve(middleware(req, res, (error?: unknown) => (error ? reject(error) : resolve())))
      })
    }
  }
  await handler(req as never, res as never)
  return res
}

describe.each([
  ["/store/avarda/payment-sessions", "avarda", startAvardaSession, "pp_avarda-invoice_avarda"],
  ["/store/avarda-standalone/payment-sessions", "avarda-standalone", startStandaloneSession, "pp_avarda-standalone-invoice_avarda-standalone"],
])("%s", (path, route, handler, providerId) => {
  beforeEach(() => (mockStarts.length = 0))

  it("links the logged-in customer", async () => {
    const res = await post(path, providerId, handler, `Bearer ${token("customer", "cus_01LOGGEDIN")}`)
    expect(res.statusCode).toBe(404)
    expect(mockStarts).toEqual([{ route, input: expect.objectContaining({ cartId: "cart_01HZX3C4T6B8D0F2H4K6M8P0RS", customerId: "cus_01LOGGEDIN" }) }])
  })

  it("serves a guest, linking no customer", async () => {
    await post(path, providerId, handler)
    expect(mockStarts).toHaveLength(1)
    expect(mockStarts[0].input).not.toHaveProperty("customerId")
  })

  it("links no one for a token of another actor type or a forged token", async () => {
    await post(path, providerId, handler, `Bearer ${token("user", "user_01ADMIN")}`)
    await post(path, providerId, handler, `Bearer ${sign({ actor_id: "cus_forged", actor_type: "customer", auth_identity_id: "x" }, "not-the-secret")}`)
    expect(mockStarts).toHaveLength(2)
    for (const start of mockStarts) expect(start.input).not.toHaveProperty("customerId")
  })
})
