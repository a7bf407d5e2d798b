import { request as httpRequest } from "node:http"
import { request as httpsRequest } from "node:https"

const ATTEMPT_TIMEOUT_MS = 10_000

/**
 * POST a body and report the status (any status counts as an answer). Rejects on network errors,
 * after 10 s, or when `signal` aborts (the sandbox is stopping).
 */
export function postRaw(url: string, body: string, headers: Record<string, string>, signal: AbortSignal): Promise<number> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(new Error("Sandbox stopped"))
      return
    }
    let target: URL
    try {
      target = new URL(url)
    } catch {
      reject(new Error(`Invalid webhook URL: ${url}`))
      return
    }
    const send = target.protocol === "https:" ? httpsRequest : httpRequest
    const req = send(
      target,
      {
        method: "POST",
        agent: false,
        headers: { ...headers, "content-length": String(Buffer.byteLength(body)) },
        timeout: ATTEMPT_TIMEOUT_MS,
      },
      (res) => {
        res.resume()
        res.on("end", () => resolve(res.statusCode ?? 0))
        res.on("error", reject)
      },
    )
    const onAbort = () => req.destroy(new Error("Sandbox stopped"))
    signal.addEventListener("abort", onAbort, { once: true })
    req.on("close", () => signal.removeEventListener("abort", onAbort))
    req.on("timeout", () => req.destroy(new Error(`No answer within ${ATTEMPT_TIMEOUT_MS} ms`)))
    req.on("error", reject)
    req.end(body)
  })
}
