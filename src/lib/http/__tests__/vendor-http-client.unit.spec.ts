import http from "node:http"
import type { AddressInfo } from "node:net"
import { z } from "zod"
import {
  VendorConnectError,
  VendorConnectionLostError,
  VendorHttpError,
  VendorProtocolError,
  VendorTimeoutError,
  isAmbiguous,
} from "../errors"
import { VendorHttpClient } from "../vendor-http-client"

type Behaviour = (req: http.IncomingMessage, body: string, res: http.ServerResponse) => void

describe("VendorHttpClient", () => {
  let server: http.Server
  let behaviour: Behaviour
  let baseUrl: string
  let client: VendorHttpClient
  const sockets = new Set<import("node:net").Socket>()

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      let body = ""
      req.on("data", (c) => (body += c))
      req.on("end", () => behaviour(req, body, res))
    })
    server.on("connection", (s) => {
      sockets.add(s)
      s.on("close", () => sockets.delete(s))
    })
    await new Promise<void>((resolve) => server.listen(0, "localhost", resolve))
    baseUrl = `http://localhost:${(server.address() as AddressInfo).port}/vendor/api/`
    client = new VendorHttpClient({ baseUrl, timeoutMs: 300 })
  })

  afterAll(async () => {
    await client.close()
    for (const s of sockets) s.destroy()
    await new Promise((resolve) => server.close(resolve))
  })

  it("joins the base path, sends JSON and form bodies, and parses the answer with zod", async () => {
    const seen: Array<{ url?: string; type?: string; body: string }> = []
    behaviour = (req, body, res) => {
      seen.push({ url: req.url, type: req.headers["content-type"], body })
      res.writeHead(200, { "content-type": "application/json" })
      res.end(JSON.stringify({ id: "a1", extra: "tolerated" }))
    }
    const schema = z.object({ id: z.string() })
    const json = await client.requestJson({ operation: "t.json", method: "POST", path: "/items", query: { q: "x y", skip: undefined }, json: { a: 1 } }, schema)
    // Unknown fields are tolerated (and stripped), never an error.
    expect(json).toEqual({ status: 200, data: { id: "a1" } })
    await client.request({ operation: "t.form", method: "POST", path: "oauth2/token", form: { grant_type: "client_credentials" } })
    expect(seen).toEqual([
      { url: "/vendor/api/items?q=x+y", type: "application/json", body: '{"a":1}' },
      { url: "/vendor/api/oauth2/token", type: "application/x-www-form-urlencoded", body: "grant_type=client_credentials" },
    ])
  })

  it("turns a non-2xx answer into VendorHttpError with the parsed body", async () => {
    behaviour = (_req, _body, res) => {
      res.writeHead(422, { "content-type": "application/json" })
      res.end(JSON.stringify({ errorCode: 1 }))
    }
    const error = await client.requestJson({ operation: "t.reject", method: "POST", path: "x", json: {} }, z.unknown()).catch((e) => e)
    expect(error).toBeInstanceOf(VendorHttpError)
    expect(error).toMatchObject({ status: 422, body: { errorCode: 1 }, operation: "t.reject" })
    expect(isAmbiguous(error)).toBe(false)
  })

  it("names the missing field of a malformed answer, and refuses a body that is not JSON", async () => {
    behaviour = (_req, _body, res) => res.end(JSON.stringify({ other: 1 }))
    await expect(client.requestJson({ operation: "t.missing", method: "GET", path: "x" }, z.object({ authorizationId: z.string() }))).rejects.toThrow(
      /t\.missing: unexpected answer from the vendor \(authorizationId: /
    )
    behaviour = (_req, _body, res) => res.end("{not json")
    await expect(client.requestJson({ operation: "t.garbage", method: "GET", path: "x" }, z.unknown())).rejects.toBeInstanceOf(VendorProtocolError)
  })

  it("reports a hang as an ambiguous timeout", async () => {
    behaviour = () => {}
    const error = await client.request({ operation: "t.hang", method: "POST", path: "x", json: {}, timeoutMs: 100 }).catch((e) => e)
    expect(error).toBeInstanceOf(VendorTimeoutError)
    expect(isAmbiguous(error)).toBe(true)
  })

  it("reports a reset after the request was sent as an ambiguous lost connection", async () => {
    behaviour = (req) => req.socket.destroy()
    const error = await client.request({ operation: "t.reset", method: "POST", path: "x", json: {} }).catch((e) => e)
    expect(error).toBeInstanceOf(VendorConnectionLostError)
    expect(isAmbiguous(error)).toBe(true)
  })

  it("reports a refused connection as a safe-to-retry connect error", async () => {
    const closed = new VendorHttpClient({ baseUrl: "http://localhost:1/", timeoutMs: 500 })
    const error = await closed.request({ operation: "t.down", method: "GET", path: "x" }).catch((e) => e)
    await closed.close()
    expect(error).toBeInstanceOf(VendorConnectError)
    expect(isAmbiguous(error)).toBe(false)
  })
})
