// The client against a small scripted HTTP server: what goes over the wire, token caching and
// refresh, the single retry after a 401, the 202 strong-authentication answer and failures.
import http from "node:http"
import type { AddressInfo } from "node:net"
import { VendorHttpError, VendorProtocolError, VendorTimeoutError } from "../../../http/errors"
import { MyPagesClient, type MyPagesShopper } from "../client"

interface Seen {
  method: string
  url: string
  headers: http.IncomingHttpHeaders
  body: unknown
}

type Handler = (req: Seen) => { status: number; body?: unknown; delayMs?: number }

const shopper: MyPagesShopper = {
  customerAuthToken: "hmac-of-cus_A",
  customerAuthenticationReturnUrl: "https://shop.example/account/invoices",
}

const account = {
  id: "7000000001",
  currency: "SEK",
  balance: 1249,
  type: "Invoice",
  dueDate: "2024-02-01T00:00:00Z",
  accountDate: "2024-01-01T00:00:00Z",
  state: "Unpaid",
  minimumAmountToPay: 124.9,
  originalAmount: 1249,
}

describe("MyPagesClient", () => {
  let server: http.Server
  let baseUrl: string
  let seen: Seen[]
  let handler: Handler
  let tokenCount: number
  let now: number
  let clients: MyPagesClient[]

  const tokenAnswer = (lifetimeMs = 3_600_000) => ({
    status: 200,
    body: { token: `token-${++tokenCount}`, tokenExpirationUtc: new Date(now + lifetimeMs).toISOString() },
  })

  const newClient = (timeoutMs = 2_000) => {
    const client = new MyPagesClient({ baseUrl, clientId: "cid", clientSecret: "csecret", timeoutMs, now: () => now })
    clients.push(client)
    return client
  }

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      let raw = ""
      req.on("data", (chunk) => (raw += chunk))
      req.on("end", () => {
        const entry: Seen = { method: req.method!, url: req.url!, headers: req.headers, body: raw ? JSON.parse(raw) : undefined }
        seen.push(entry)
        const answer = handler(entry)
        const send = () => {
          res.writeHead(answer.status, { "content-type": "application/json" })
          res.end(answer.body === undefined ? "" : typeof answer.body === "string" ? answer.body : JSON.stringify(answer.body))
        }
        if (answer.delayMs) setTimeout(send, answer.delayMs)
        else send()
      })
    })
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/avarda/mypages`
  })

  afterAll(async () => {
    server.closeAllConnections()
    await new Promise((resolve) => server.close(resolve))
  })

  beforeEach(() => {
    seen = []
    tokenCount = 0
    now = Date.parse("2024-01-10T12:00:00Z")
    clients = []
    handler = (req) => (req.url.endsWith("/auth/token") ? tokenAnswer() : { status: 200, body: [account] })
  })

  afterEach(async () => {
    await Promise.all(clients.map((client) => client.close()))
  })

  it("gets a JSON token once and sends it with the three shopper headers and the purchase id as query", async () => {
    const client = newClient()
    const answer = await client.listAccounts("purchase-1", shopper)
    expect(answer).toEqual({ kind: "ok", data: [expect.objectContaining({ id: "7000000001", balance: 1249, state: "Unpaid" })] })

    const [token, accounts] = seen
    expect(token).toMatchObject({ method: "POST", url: "/avarda/mypages/auth/token", body: { clientId: "cid", clientSecret: "csecret" } })
    expect(token!.headers["content-type"]).toBe("application/json")
    expect(accounts).toMatchObject({ method: "GET", url: "/avarda/mypages/Accounts?purchaseId=purchase-1" })
    expect(accounts!.headers).toMatchObject({
      authorization: "Bearer token-1",
      customerauthtoken: "hmac-of-cus_A",
      customertokenprovider: "Self",
      customerauthenticationreturnurl: "https://shop.example/account/invoices",
    })
  })

  it.each([
    ["getAccount", (c: MyPagesClient) => c.getAccount("a/1", "p-1", shopper), "GET", "/avarda/mypages/Accounts/a%2F1?purchaseId=p-1", undefined],
    ["listInvoices", (c: MyPagesClient) => c.listInvoices("p-1", shopper), "GET", "/avarda/mypages/Invoices?purchaseId=p-1", undefined],
    ["getInvoice", (c: MyPagesClient) => c.getInvoice("7000000001", "p-1", shopper), "GET", "/avarda/mypages/Invoices/7000000001?purchaseId=p-1", undefined],
    ["startPayment", (c: MyPagesClient) => c.startPayment({ accountId: "7000000001", language: 1 }, shopper), "POST", "/avarda/mypages/Pay", { accountId: "7000000001", language: 1 }],
    ["getPaymentStatus", (c: MyPagesClient) => c.getPaymentStatus({ purchaseId: "pay-1", accountId: "7000000001" }, shopper), "POST", "/avarda/mypages/Pay/Status", { purchaseId: "pay-1", accountId: "7000000001" }],
  ])("%s calls %s %s", async (name, call, method, url, body) => {
    handler = (req) => {
      if (req.url.endsWith("/auth/token")) return tokenAnswer()
      if (name === "startPayment") return { status: 200, body: { purchaseId: "pay-1", jwt: "pay-jwt" } }
      if (name === "getPaymentStatus") return { status: 200, body: { state: "Unpaid" } }
      if (name === "listInvoices") return { status: 200, body: [] }
      return { status: 200, body: { ...account, transactions: [] } }
    }
    const answer = await call(newClient())
    expect(answer.kind).toBe("ok")
    expect(seen[1]).toMatchObject({ method, url, body })
    expect(seen[1]!.headers.customerauthtoken).toBe("hmac-of-cus_A")
  })

  it("reuses the token until 5 minutes before it expires, with one token call for concurrent requests", async () => {
    const client = newClient()
    await Promise.all([client.listAccounts("p", shopper), client.listInvoices("p", shopper), client.listAccounts("p", shopper)])
    expect(seen.filter((r) => r.url.endsWith("/auth/token"))).toHaveLength(1)
    now += 54 * 60_000
    await client.listAccounts("p", shopper)
    expect(seen.filter((r) => r.url.endsWith("/auth/token"))).toHaveLength(1)
    now += 2 * 60_000
    await client.listAccounts("p", shopper)
    expect(seen.filter((r) => r.url.endsWith("/auth/token"))).toHaveLength(2)
    expect(seen.at(-1)!.headers.authorization).toBe("Bearer token-2")
  })

  it("takes the expiry from the JWT when tokenExpirationUtc is missing", async () => {
    const exp = Math.floor(now / 1000) + 600
    const jwt = `e30.${Buffer.from(JSON.stringify({ exp })).toString("base64url")}.sig`
    handler = (req) => (req.url.endsWith("/auth/token") ? { status: 200, body: { token: jwt } } : { status: 200, body: [] })
    const client = newClient()
    await client.listAccounts("p", shopper)
    now += 4 * 60_000
    await client.listAccounts("p", shopper)
    expect(seen.filter((r) => r.url.endsWith("/auth/token"))).toHaveLength(1)
    now += 2 * 60_000
    await client.listAccounts("p", shopper)
    expect(seen.filter((r) => r.url.endsWith("/auth/token"))).toHaveLength(2)
  })

  it("after a 401 fetches a new token and retries once", async () => {
    let rejected = false
    handler = (req) => {
      if (req.url.endsWith("/auth/token")) return tokenAnswer()
      if (!rejected) {
        rejected = true
        return { status: 401 }
      }
      return { status: 200, body: [account] }
    }
    const answer = await newClient().listAccounts("p", shopper)
    expect(answer.kind).toBe("ok")
    expect(seen.map((r) => `${r.method} ${r.url.split("?")[0]} ${r.headers.authorization ?? ""}`.trim())).toEqual([
      "POST /avarda/mypages/auth/token",
      "GET /avarda/mypages/Accounts Bearer token-1",
      "POST /avarda/mypages/auth/token",
      "GET /avarda/mypages/Accounts Bearer token-2",
    ])
  })

  it("gives up after the second 401", async () => {
    handler = (req) => (req.url.endsWith("/auth/token") ? tokenAnswer() : { status: 401 })
    await expect(newClient().listAccounts("p", shopper)).rejects.toMatchObject({ status: 401 })
    expect(seen.filter((r) => !r.url.endsWith("/auth/token"))).toHaveLength(2)
  })

  it("turns a 202 into a strong-authentication result, not an error", async () => {
    handler = (req) =>
      req.url.endsWith("/auth/token") ? tokenAnswer() : { status: 202, body: { redirectUrl: "https://avarda.example/strong-auth?x=1" } }
    expect(await newClient().getAccount("7000000004", "p", shopper)).toEqual({
      kind: "strong_authentication_required",
      redirectUrl: "https://avarda.example/strong-auth?x=1",
    })
  })

  it.each([
    ["a 404", { status: 404, body: { title: "Not found" } }, VendorHttpError],
    ["a 500", { status: 500, body: "oops" }, VendorHttpError],
    ["a 202 without redirectUrl", { status: 202, body: {} }, VendorProtocolError],
    ["a 200 that is not JSON", { status: 200, body: "<html>" }, VendorProtocolError],
    ["a 200 with accounts missing their id", { status: 200, body: [{ ...account, id: undefined }] }, VendorProtocolError],
  ])("fails clearly on %s", async (_label, answer, errorClass) => {
    handler = (req) => (req.url.endsWith("/auth/token") ? tokenAnswer() : answer)
    await expect(newClient().listAccounts("p", shopper)).rejects.toBeInstanceOf(errorClass)
  })

  it("reports a refused token call without retrying it", async () => {
    handler = (req) => (req.url.endsWith("/auth/token") ? { status: 401, body: { title: "bad client" } } : { status: 200, body: [] })
    await expect(newClient().listAccounts("p", shopper)).rejects.toMatchObject({ operation: "avarda.myPages.token", status: 401 })
    expect(seen).toHaveLength(1)
  })

  it("times out a call that never answers", async () => {
    handler = (req) => (req.url.endsWith("/auth/token") ? tokenAnswer() : { status: 200, body: [], delayMs: 1_000 })
    await expect(newClient(300).listAccounts("p", shopper)).rejects.toBeInstanceOf(VendorTimeoutError)
  })

  it("never puts the client secret anywhere but the token call", async () => {
    const client = newClient()
    await client.listAccounts("p", shopper)
    await client.startPayment({ accountId: "a" }, shopper).catch(() => undefined)
    for (const request of seen.slice(1)) expect(JSON.stringify(request)).not.toContain("csecret")
  })
})
