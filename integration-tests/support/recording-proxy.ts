// A pass-through HTTP proxy that remembers every request line (method + path + query), for tests
// that must prove what the app sent to a vendor (the sandbox journal keeps paths without queries).
import http from "node:http"
import type { AddressInfo } from "node:net"

export interface RecordingProxy {
  origin: string
  requests: Array<{ method: string; url: string }>
  close(): Promise<void>
}

export async function startRecordingProxy(targetOrigin: string): Promise<RecordingProxy> {
  const target = new URL(targetOrigin)
  const requests: RecordingProxy["requests"] = []
  const server = http.createServer((req, res) => {
    requests.push({ method: req.method ?? "GET", url: req.url ?? "/" })
    // The Host header is kept, so URLs the vendor builds from it point back through the proxy.
    const upstream = http.request(
      { hostname: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers)
        answer.pipe(res)
      }
    )
    upstream.on("error", () => res.destroy())
    req.pipe(upstream)
  })
  await new Promise<void>((resolve) => server.listen(0, "localhost", resolve))
  const origin = `http://localhost:${(server.address() as AddressInfo).port}`
  return {
    origin,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
