import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys, generateJwtToken } from "@medusajs/framework/utils"
import { authenticateCustomerOnce } from "../middlewares"

const JWT_SECRET = "test-jwt-secret"
const sign = (payload: Record<string, unknown>, secret: string) => generateJwtToken(payload, { secret, expiresIn: "1h" })

function request(init: { authorization?: string; auth_context?: Record<string, unknown> }) {
  const resolved: string[] = []
  const scope = {
    resolve: (key: string) => {
      resolved.push(key)
      if (key === ContainerRegistrationKeys.LOGGER) return { warn: () => {}, error: () => {}, debug: () => {} }
      if (key === ContainerRegistrationKeys.CONFIG_MODULE) return { projectConfig: { http: { jwtSecret: JWT_SECRET } } }
      throw new Error(`unexpected resolve ${key}`)
    },
  }
  const req = { headers: init.authorization ? { authorization: init.authorization } : {}, scope, auth_context: init.auth_context, session: {} }
  return { req: req as unknown as MedusaRequest & { auth_context?: Record<string, unknown> }, resolved }
}

function response() {
  const res = { statusCode: 200, body: undefined as unknown }
  Object.assign(res, {
    status: (code: number) => ((res.statusCode = code), res),
    json: (body: unknown) => ((res.body = body), res),
  })
  return res as typeof res & MedusaResponse
}

async function run(req: MedusaRequest) {
  const res = response()
  const next = jest.fn()
  await authenticateCustomerOnce()(req, res, next)
  return { res, next }
}

describe("authenticateCustomerOnce", () => {
  it("lets through a request Medusa already authenticated as a customer, without verifying the token again", async () => {
    const { req, resolved } = request({ authorization: "Bearer not-even-a-jwt", auth_context: { actor_type: "customer", actor_id: "cus_1" } })
    const { res, next } = await run(req)
    expect(next).toHaveBeenCalledTimes(1)
    expect(res.statusCode).toBe(200)
    expect(resolved).toEqual([])
  })

  it("authenticates itself when no customer was established: a valid customer token passes", async () => {
    const token = sign({ actor_id: "cus_2", actor_type: "customer", auth_identity_id: "authid_2", app_metadata: {} }, JWT_SECRET)
    const { req } = request({ authorization: `Bearer ${token}` })
    const { next } = await run(req)
    expect(next).toHaveBeenCalledTimes(1)
    expect(req.auth_context).toMatchObject({ actor_id: "cus_2", actor_type: "customer" })
  })

  it("refuses a forged token, and a user's auth context is no customer's", async () => {
    const forged = sign({ actor_id: "cus_3", actor_type: "customer", auth_identity_id: "authid_3" }, "another-secret")
    const forgedRun = await run(request({ authorization: `Bearer ${forged}` }).req)
    expect(forgedRun.next).not.toHaveBeenCalled()
    expect(forgedRun.res.statusCode).toBe(401)

    const asUser = await run(request({ auth_context: { actor_type: "user", actor_id: "user_1" } }).req)
    expect(asUser.next).not.toHaveBeenCalled()
    expect(asUser.res.statusCode).toBe(401)
  })
})
