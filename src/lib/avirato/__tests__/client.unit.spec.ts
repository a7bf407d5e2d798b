import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http"
import type { AddressInfo } from "node:net"
import { VendorHttpError, VendorTimeoutError } from "../../http/errors"
import { AviratoClient } from "../client"
import { AviratoApiError } from "../errors"
import { errorEnvelopeSchema } from "../schemas"

interface Seen {
  method: string
  url: string
  headers: IncomingMessage["headers"]
  body: string
}

/** A scripted fake Avirato: each request gets the next behaviour (the last one repeats). */
function fakeAvirato(behaviours: Array<(res: ServerResponse, seen: Seen) => void>) {
  const seen: Seen[] = []
  const server: Server = createServer((req, res) => {
    let body = ""
    req.on("data", (chunk) => (body += chunk))
    req.on("end", () => {
      const entry = { method: req.method ?? "", url: req.url ?? "", headers: req.headers, body }
      seen.push(entry)
      behaviours[Math.min(seen.length - 1, behaviours.length - 1)](res, entry)
    })
  })
  return { server, seen }
}

const json = (status: number, body: unknown) => (res: ServerResponse) => {
  res.writeHead(status, { "content-type": "application/json" })
  res.end(JSON.stringify(body))
}
const reset = (res: ServerResponse) => res.socket?.destroy()
const SESSION = {
  sessionId: "SHOP01-EXTT-1",
  paymentUrl: "http://pay/x",
  status: "pending",
  amount: { value: 1234, currency: "EUR" },
  customReference: "payses_1",
  isPreAuth: false,
  createdAt: "2026-01-01 10:00:00",
}

describe("AviratoClient", () => {
  let fake: ReturnType<typeof fakeAvirato>
  let client: AviratoClient

  async function start(behaviours: Parameters<typeof fakeAvirato>[0], timeoutMs = 2000) {
    fake = fakeAvirato(behaviours)
    await new Promise<void>((resolve) => fake.server.listen(0, "127.0.0.1", resolve))
    const { port } = fake.server.address() as AddressInfo
    client = new AviratoClient({
      baseUrl: `http://127.0.0.1:${port}/avirato/external/v1/test`,
      apiKey: "key_123",
      webcode: "SHOP01",
      timeoutMs,
      sleep: async () => undefined,
    })
  }

  afterEach(async () => {
    await client.close()
    fake.server.closeAllConnections()
    await new Promise((resolve) => fake.server.close(resolve))
  })

  it("creates a session with the API key, webcode, Idempotency-Key and Test path layout", async () => {
    await start([json(201, { success: true, data: SESSION })])
    const session = await client.createSession(
      { amount: { value: 1234, currency: "EUR" }, urlOk: "http://ok", urlKo: "http://ko", isPreAuth: false, customReference: "payses_1" },
      "payses_1"
    )
    expect(session.sessionId).toBe("SHOP01-EXTT-1")
    const [request] = fake.seen
    expect(request.method).toBe("POST")
    expect(request.url).toBe("/avirato/external/v1/test/payment/session")
    expect(request.headers["x-api-key"]).toBe("key_123")
    expect(request.headers["idempotency-key"]).toBe("payses_1")
    expect(request.headers["content-type"]).toBe("application/json")
    expect(JSON.parse(request.body)).toEqual({
      webcode: "SHOP01",
      amount: { value: 1234, currency: "EUR" },
      urlOk: "http://ok",
      urlKo: "http://ko",
      isPreAuth: false,
      customReference: "payses_1",
    })
  })

  it("gets a session with ?webcode=", async () => {
    await start([json(200, { success: true, data: { ...SESSION, status: "completed", paymentReference: "KVG", paymentStatus: "AUTHORISED" } })])
    const session = await client.getSession("SHOP01-EXTT-1")
    expect(session.paymentReference).toBe("KVG")
    expect(fake.seen[0].url).toBe("/avirato/external/v1/test/payment/session/SHOP01-EXTT-1?webcode=SHOP01")
  })

  describe("list sessions (assumed GET payment/sessions)", () => {
    const from = new Date("2026-11-25T12:00:00.000Z")
    const to = new Date("2026-12-02T12:00:00.000Z")
    const page = { items: [{ ...SESSION, status: "completed", paymentReference: "KVG", paymentStatus: "AUTHORISED", urlOk: "http://ok" }], page: 2, limit: 50, total: 51 }

    it("sends webcode, status, the window as ISO 8601 UTC instants, page and limit, and parses the page", async () => {
      await start([json(200, { success: true, data: page })])
      const answer = await client.listSessions({ status: "completed", from, to, page: 2, limit: 50 })
      expect(answer).toEqual(page)
      const url = new URL(fake.seen[0].url, "http://x")
      expect(url.pathname).toBe("/avirato/external/v1/test/payment/sessions")
      expect(Object.fromEntries(url.searchParams)).toEqual({
        webcode: "SHOP01",
        status: "completed",
        from: "2026-11-25T12:00:00.000Z",
        to: "2026-12-02T12:00:00.000Z",
        page: "2",
        limit: "50",
      })
      expect(fake.seen[0].method).toBe("GET")
      expect(fake.seen[0].headers["x-api-key"]).toBe("key_123")
    })

    it("accepts a page without a total and keeps unknown fields", async () => {
      await start([json(200, { success: true, data: { items: [], page: 1, limit: 50, cursor: "abc" } })])
      expect(await client.listSessions({ from, to, page: 1, limit: 50 })).toEqual({ items: [], page: 1, limit: 50, cursor: "abc" })
      expect(new URL(fake.seen[0].url, "http://x").searchParams.has("status")).toBe(false)
    })

    it.each([
      ["no items", { page: 1, limit: 50 }],
      ["an item without sessionId", { items: [{ status: "completed", amount: { value: 1, currency: "EUR" } }], page: 1, limit: 50 }],
      ["a fractional amount", { items: [{ ...SESSION, amount: { value: 1.5, currency: "EUR" } }], page: 1, limit: 50 }],
      ["page 0", { items: [], page: 0, limit: 50 }],
      ["a negative total", { items: [], page: 1, limit: 50, total: -1 }],
    ])("rejects a page with %s as a protocol error", async (_label, data) => {
      await start([json(200, { success: true, data })])
      await expect(client.listSessions({ from, to, page: 1, limit: 50 })).rejects.toThrow(/avirato.listSessions/)
    })

    it("retries a 5xx like any read", async () => {
      await start([json(503, { success: false, error: { message: "An error has occurred", code: 13001, statusCode: 503, traceId: "t" } }), json(200, { success: true, data: page })])
      expect((await client.listSessions({ from, to, page: 2, limit: 50 })).items).toHaveLength(1)
      expect(fake.seen).toHaveLength(2)
    })
  })

  it("retries a POST after a 500 and a connection reset with the SAME Idempotency-Key", async () => {
    await start([
      json(500, { success: false, error: { message: "An error has occurred", code: 13001, statusCode: 500, traceId: "t1" } }),
      reset,
      json(202, { success: true, data: { modificationReference: "M1", status: "received" } }),
    ])
    const accepted = await client.refund({ paymentReference: "KVG", amount: { value: 100, currency: "EUR" }, reason: "CUSTOMER REQUEST" }, "ref_1")
    expect(accepted.modificationReference).toBe("M1")
    expect(fake.seen.map((s) => s.headers["idempotency-key"])).toEqual(["ref_1", "ref_1", "ref_1"])
    expect(JSON.parse(fake.seen[2].body)).toEqual({
      webcode: "SHOP01",
      paymentReference: "KVG",
      amount: { value: 100, currency: "EUR" },
      reason: "CUSTOMER REQUEST",
    })
  })

  it("does not retry a 4xx and exposes Avirato's code and traceId", async () => {
    await start([json(400, { success: false, error: { message: "amount.currency must be one of EUR, GBP, USD", code: 12001, statusCode: 400, traceId: "trace-9" } })])
    const error = await client.capture({ paymentReference: "KVG" }, "capt_1").catch((e: unknown) => e)
    expect(error).toBeInstanceOf(AviratoApiError)
    expect(error).toBeInstanceOf(VendorHttpError)
    expect(error).toMatchObject({ status: 400, code: 12001, traceId: "trace-9" })
    expect((error as Error).message).toContain("trace-9")
    expect(fake.seen).toHaveLength(1)
  })

  it("gives up after maxAttempts (3) and reports the last ambiguous failure", async () => {
    await start([() => undefined], 150)
    const error = await client.cancel({ paymentReference: "KVG" }, "pay_1").catch((e: unknown) => e)
    expect(error).toBeInstanceOf(VendorTimeoutError)
    expect(fake.seen).toHaveLength(3)
    expect(new Set(fake.seen.map((s) => s.headers["idempotency-key"]))).toEqual(new Set(["pay_1"]))
  })

  it("treats a 2xx that is not the success envelope as a protocol error after retries", async () => {
    await start([(res) => res.end("<html>oops</html>")])
    await expect(client.getSession("X")).rejects.toThrow(/not JSON/)
    expect(fake.seen).toHaveLength(3)
  })

  it("refuses to POST without an Idempotency-Key", async () => {
    await start([json(202, { success: true, data: {} })])
    await expect(client.extend({ paymentReference: "KVG" }, "")).rejects.toThrow(/Idempotency-Key is required/)
    expect(fake.seen).toHaveLength(0)
  })

  describe("reads each answer once", () => {
    afterEach(() => jest.restoreAllMocks())

    it("parses a success body with one JSON.parse and checks it with the success schema only", async () => {
      await start([json(200, { success: true, data: { ...SESSION, status: "completed", paymentReference: "KVG" } })])
      await client.getSession("warm-up") // the first call opens the connection; count the second
      const parse = jest.spyOn(JSON, "parse")
      const errorSchema = jest.spyOn(errorEnvelopeSchema, "safeParse")
      const session = await client.getSession("SHOP01-EXTT-1")
      expect(session.paymentReference).toBe("KVG")
      expect(parse).toHaveBeenCalledTimes(1)
      expect(errorSchema).not.toHaveBeenCalled()
    })

    it("parses an error body once and checks it with the error schema only", async () => {
      await start([json(404, { success: false, error: { message: "Session not found", code: 12004, statusCode: 404, traceId: "t-404" } })])
      const parse = jest.spyOn(JSON, "parse")
      const errorSchema = jest.spyOn(errorEnvelopeSchema, "safeParse")
      const error = await client.getSession("missing").catch((e: unknown) => e)
      expect(error).toMatchObject({ status: 404, code: 12004, traceId: "t-404" })
      expect(parse).toHaveBeenCalledTimes(1)
      expect(errorSchema).toHaveBeenCalledTimes(1)
    })

    it("still treats a 2xx with success: false as Avirato's error", async () => {
      await start([json(200, { success: false, error: { message: "Webcode disabled", code: 10003, statusCode: 403, traceId: "t-2xx" } })])
      const error = await client.getSession("X").catch((e: unknown) => e)
      expect(error).toBeInstanceOf(AviratoApiError)
      expect(error).toMatchObject({ code: 10003, traceId: "t-2xx" })
      expect(fake.seen).toHaveLength(1)
    })
  })
})
