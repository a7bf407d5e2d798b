/**
 * The HTTP endpoint an interactive run listens on: Avirato's webhooks (`POST /webhooks/avirato`) and
 * the shopper's browser coming back from the hosted payment page (`GET /return/ok|ko?payment=…`).
 * Everything received is kept as received (raw body, signature headers) for the checks to judge.
 */
import http from "node:http"
import type { AddressInfo } from "node:net"

export interface WebhookDelivery {
  receivedAt: number
  rawBody: string
  signature?: string
  timestamp?: string
  /** What the listener answered (the first delivery is refused once, to see a retry). */
  answered: number
}

export interface ShopperReturn {
  receivedAt: number
  outcome: "ok" | "ko"
  payment: string
  /** The `data` JWT on urlOk. */
  data?: string
}

export const WEBHOOK_PATH = "/webhooks/avirato"
export const RETURN_PATH = "/return"

export class WebhookListener {
  readonly deliveries: WebhookDelivery[] = []
  readonly returns: ShopperReturn[] = []
  private server?: http.Server
  private refusedOne = false

  /** `refuseFirstDelivery`: answer 503 to the first webhook, so the vendor's retry can be observed. */
  constructor(private readonly options: { refuseFirstDelivery: boolean }) {}

  /** Listens on `port` (0 = any free port); resolves with the local base URL. */
  async start(port: number, host = "localhost"): Promise<string> {
    const server = http.createServer((req, res) => this.handle(req, res))
    this.server = server
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject)
      server.listen(port, host, () => resolve())
    })
    const address = server.address() as AddressInfo
    return `http://${host === "0.0.0.0" || host === "::" ? "localhost" : host}:${address.port}`
  }

  async stop(): Promise<void> {
    const server = this.server
    if (!server) return
    this.server = undefined
    server.closeAllConnections()
    await new Promise<void>((resolve) => server.close(() => resolve()))
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const url = new URL(req.url ?? "/", "http://listener")
    if (req.method === "POST" && url.pathname === WEBHOOK_PATH) {
      const chunks: Buffer[] = []
      req.on("data", (chunk: Buffer) => chunks.push(chunk))
      req.on("end", () => {
        const answered = this.options.refuseFirstDelivery && !this.refusedOne ? 503 : 200
        this.refusedOne = true
        this.deliveries.push({
          receivedAt: Date.now(),
          rawBody: Buffer.concat(chunks).toString("utf8"),
          signature: single(req.headers["x-avirato-signature"]),
          timestamp: single(req.headers["x-avirato-timestamp"]),
          answered,
        })
        res.writeHead(answered, { "content-type": "application/json" }).end(JSON.stringify({ received: answered === 200 }))
      })
      return
    }
    const returned = new RegExp(`^${RETURN_PATH}/(ok|ko)$`).exec(url.pathname)
    if (req.method === "GET" && returned) {
      const data = url.searchParams.get("data") ?? undefined
      this.returns.push({ receivedAt: Date.now(), outcome: returned[1] as "ok" | "ko", payment: url.searchParams.get("payment") ?? "", ...(data ? { data } : {}) })
      res
        .writeHead(200, { "content-type": "text/html; charset=utf-8" })
        .end(`<!doctype html><title>Go-live check</title><p>Payment ${returned[1] === "ok" ? "completed" : "not completed"}: the go-live check has noted it. You can close this tab.</p>`)
      return
    }
    res.writeHead(404).end()
  }
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value
}
