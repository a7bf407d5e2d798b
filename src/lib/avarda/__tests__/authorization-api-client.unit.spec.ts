import http from "node:http"
import type { AddressInfo, Socket } from "node:net"
import { VendorProtocolError, VendorTimeoutError } from "../../http/errors"
import { AuthorizationApiClient } from "../authorization-api/client"
import { AvardaOrderManagementError } from "../authorization-api/errors"
import type { CreateAuthorizationRequest } from "../authorization-api/request"
import { closeSharedAuthorizationApiClients, sharedAuthorizationApiClient } from "../authorization-api/shared-client"

type Handler = (req: http.IncomingMessage, body: string, res: http.ServerResponse) => void

const SSN = "198005012003"
const request: CreateAuthorizationRequest = {
  customer: { identificationNumber: SSN, userLanguageCode: 752, phone: "0701234567", email: "a@example.com" },
  invoicingAddress: { firstName: "Sven", lastName: "Svensson", addressLine1: "Storgatan 1", city: "Stockholm", zip: "11122", country: "SE" },
  items: [{ description: "Socks", amount: 499, taxCode: "25", taxAmount: 99.8, quantity: 1 }],
  orderReference: "payses_1",
  posId: "0",
}

function json(res: http.ServerResponse, status: number, body?: unknown) {
  res.writeHead(status, { "content-type": "application/json" })
  res.end(body === undefined ? "" : JSON.stringify(body))
}

describe("AuthorizationApiClient", () => {
  let server: http.Server
  let baseUrl: string
  let handler: Handler
  let tokenRequests: string[]
  let issued: number
  let validTokens: Set<string>
  const sockets = new Set<Socket>()
  const clients: AuthorizationApiClient[] = []

  function newClient(timeouts?: { createMs?: number; requestMs?: number }) {
    const client = new AuthorizationApiClient({ baseUrl, clientId: "cid", clientSecret: "secret", timeouts })
    clients.push(client)
    return client
  }

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      let body = ""
      req.on("data", (c) => (body += c))
      req.on("end", () => {
        if (req.url === "/aa/oauth2/token") {
          tokenRequests.push(body)
          const token = `tok-${++issued}`
          validTokens.add(token)
          // Answer a little later so concurrent callers overlap with the request in flight.
          setTimeout(() => json(res, 200, { token_type: "Bearer", expires_in: "3599", expires_on: String(Math.floor(Date.now() / 1000) + 3599), access_token: token }), 30)
          return
        }
        const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? "")?.[1]
        if (!token || !validTokens.has(token)) return json(res, 401)
        handler(req, body, res)
      })
    })
    server.on("connection", (s) => {
      sockets.add(s)
      s.on("close", () => sockets.delete(s))
    })
    await new Promise<void>((resolve) => server.listen(0, "localhost", resolve))
    baseUrl = `http://localhost:${(server.address() as AddressInfo).port}/aa/`
  })

  beforeEach(() => {
    tokenRequests = []
    issued = 0
    validTokens = new Set()
  })

  afterAll(async () => {
    await Promise.all(clients.map((c) => c.close()))
    await closeSharedAuthorizationApiClients()
    for (const s of sockets) s.destroy()
    await new Promise((resolve) => server.close(resolve))
  })

  it("fetches one token for many concurrent calls (single-flight), form-encoded client credentials", async () => {
    handler = (_req, _body, res) => json(res, 200, { status: 0, inBackOffice: true, authorizationId: "a1" })
    const client = newClient()
    const answers = await Promise.all(Array.from({ length: 8 }, () => client.getAuthorization("a1")))
    expect(answers.every((a) => a.status === 0)).toBe(true)
    expect(tokenRequests).toEqual(["grant_type=client_credentials&client_id=cid&client_secret=secret"])
    await client.getAuthorization("a1")
    expect(tokenRequests).toHaveLength(1)
  })

  it("renews the token once after a 401 (expired token) and repeats the call", async () => {
    const seen: string[] = []
    handler = (req, _body, res) => {
      seen.push(req.headers.authorization!)
      json(res, 200, { status: 0, authorizationId: "a1" })
    }
    const client = newClient()
    await client.getAuthorization("a1")
    validTokens.clear() // the vendor forgets the token: next call gets 401
    await client.getAuthorization("a1")
    expect(tokenRequests).toHaveLength(2)
    expect(seen).toEqual(["Bearer tok-1", "Bearer tok-2"])
  })

  it("shares one client and token cache per environment and client id", () => {
    const a = sharedAuthorizationApiClient({ baseUrl, clientId: "cid", clientSecret: "secret" })
    const b = sharedAuthorizationApiClient({ baseUrl, clientId: "cid", clientSecret: "secret" })
    const c = sharedAuthorizationApiClient({ baseUrl, clientId: "other", clientSecret: "secret" })
    expect(a).toBe(b)
    expect(c).not.toBe(a)
  })

  it.each([
    [201, { creditLimit: 50000, authorizationId: "g1", extra: true }, { kind: "approved", authorizationId: "g1", creditLimit: 50000 }],
    [202, { forced: false, redirectUrl: "https://id.example/x", authorizationId: "g2" }, { kind: "id_validation_required", authorizationId: "g2", redirectUrl: "https://id.example/x", forced: false }],
    [422, { errorCode: 1, errorMessage: "Krediten beviljades inte", authorizationId: "g3" }, { kind: "rejected", errorCode: 1, errorMessage: "Krediten beviljades inte", authorizationId: "g3" }],
    [500, { errorCode: 101, errorMessage: "Internal error", authorizationId: "g4" }, { kind: "technical_error", status: 500, errorCode: 101, errorMessage: "Internal error", authorizationId: "g4" }],
    [503, undefined, { kind: "technical_error", status: 503 }],
  ])("create: HTTP %s → %j", async (status, body, expected) => {
    const paths: string[] = []
    handler = (req, _b, res) => {
      paths.push(req.url!)
      json(res, status, body)
    }
    expect(await newClient().createAuthorization("part-payment", request)).toEqual(expected)
    expect(paths).toEqual(["/aa/authorization/part-payment"])
  })

  it("create: a 400 keeps Avarda's field messages but never the personal ID number", async () => {
    handler = (_req, _b, res) =>
      json(res, 400, {
        title: "One or more validation errors occurred.",
        errors: {
          "Customer.IdentificationNumber": [`The IdentificationNumber '${SSN}' is not valid.`],
          "Customer.Phone": [`The Phone '0701' for 800501-2003 is not valid.`],
        },
      })
    const outcome = await newClient().createAuthorization("invoice", request)
    expect(outcome).toEqual({
      kind: "invalid_request",
      title: "One or more validation errors occurred.",
      errors: { "Customer.IdentificationNumber": ["is not accepted by Avarda"], "Customer.Phone": ["The Phone '***' for *** is not valid."] },
    })
    expect(JSON.stringify(outcome)).not.toContain(SSN)
    expect(JSON.stringify(outcome)).not.toContain("8005012003")
  })

  it("create: a timeout is reported as ambiguous and never retried (creating is not idempotent)", async () => {
    let calls = 0
    handler = () => {
      calls++ // never answer
    }
    await expect(newClient({ createMs: 150 }).createAuthorization("invoice", request)).rejects.toBeInstanceOf(VendorTimeoutError)
    expect(calls).toBe(1)
  })

  it("status: drops the echoed request (it holds the personal ID number) but its order reference, and names missing data", async () => {
    handler = (_req, _b, res) => json(res, 200, { status: 0, inBackOffice: true, authorizationId: "a1", request: request })
    const body = await newClient().getAuthorization("a1")
    expect(body).toEqual({ status: 0, inBackOffice: true, authorizationId: "a1", orderReference: request.orderReference })
    handler = (_req, _b, res) => {
      res.writeHead(200, { "content-type": "application/json" })
      res.end("{not json")
    }
    await expect(newClient().getAuthorization("a1")).rejects.toBeInstanceOf(VendorProtocolError)
  })

  it.each([
    [[{ ErrorCode: "10015", ErrorMessage: "Already processed" }], [{ code: "10015", message: "Already processed" }]],
    [{ errorCode: 12, errorMessage: "Amount too high" }, [{ code: "12", message: "Amount too high" }]],
    [undefined, []],
  ])("order management: errors %j are parsed into %j", async (body, errors) => {
    handler = (_req, _b, res) => json(res, 422, body)
    const error = await newClient()
      .captureOrder("a1", { items: [{ description: "x", amount: 1 }], orderReference: "1", tranId: "t1" })
      .catch((e) => e)
    expect(error).toBeInstanceOf(AvardaOrderManagementError)
    expect((error as AvardaOrderManagementError).errors).toEqual(errors)
    expect((error as AvardaOrderManagementError).status).toBe(422)
  })

  it("order management: sends the body to /order, /return and /cancel and accepts an empty 200", async () => {
    const seen: Array<[string, string]> = []
    handler = (req, body, res) => {
      seen.push([req.url!, body])
      res.writeHead(200)
      res.end()
    }
    const client = newClient()
    const body = { items: [{ description: "x", amount: 1 }], orderReference: "1", tranId: "t1" }
    await client.captureOrder("A B", body)
    await client.returnItems("a1", body)
    await client.cancel("a1", "Order canceled")
    expect(seen).toEqual([
      ["/aa/authorization/A%20B/order", JSON.stringify(body)],
      ["/aa/authorization/a1/return", JSON.stringify(body)],
      ["/aa/authorization/a1/cancel", JSON.stringify({ reason: "Order canceled" })],
    ])
  })
})
