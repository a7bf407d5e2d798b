import type { SandboxResponse } from "../core/types"
import type { AviratoEnvironment } from "./environment"
import { idempotencyConflict, invalidParameter } from "./error-codes"

/** Sandbox assumptions (A4: Avirato documents the header, not its scope): scope = environment + endpoint, kept 24 h, only 2xx stored. */
const RETENTION_MS = 24 * 60 * 60 * 1000
const KEY_FORMAT = /^[\x21-\x7e]{1,64}$/

interface StoredResponse {
  fingerprint: string
  response: SandboxResponse
  storedAt: number
}

/** JSON with object keys sorted, so key order and whitespace do not make two bodies differ. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(",")}}`
  }
  return JSON.stringify(value) ?? "null"
}

export class IdempotencyStore {
  private readonly stored = new Map<string, StoredResponse>()
  private readonly inFlight = new Map<string, { fingerprint: string; done: Promise<SandboxResponse> }>()

  /** Validate the header value; undefined when no key was sent. */
  static keyFrom(header: string | string[] | undefined): string | undefined {
    if (header === undefined) return undefined
    const key = Array.isArray(header) ? header[0] : header
    if (!KEY_FORMAT.test(key)) throw invalidParameter("Idempotency-Key must be 1-64 printable ASCII characters")
    return key
  }

  /**
   * Without a key: just `produce()`. With a key seen before: the stored response for the same body,
   * a 409 for another body. Otherwise `produce()` and store a 2xx answer. A duplicate that arrives
   * while the first is still being processed waits for the first one's answer.
   */
  async run(
    environment: AviratoEnvironment,
    endpoint: string,
    key: string | undefined,
    body: unknown,
    now: Date,
    produce: () => Promise<SandboxResponse>,
  ): Promise<SandboxResponse> {
    if (key === undefined) return produce()
    const scopedKey = `${environment}\u0000${endpoint}\u0000${key}`
    const fingerprint = canonicalJson(body)
    const previous = this.stored.get(scopedKey)
    if (previous && now.getTime() - previous.storedAt < RETENTION_MS) {
      if (previous.fingerprint !== fingerprint) throw idempotencyConflict()
      return structuredClone(previous.response)
    }
    const running = this.inFlight.get(scopedKey)
    if (running) {
      if (running.fingerprint !== fingerprint) throw idempotencyConflict()
      return structuredClone(await running.done)
    }
    const done = produce()
    this.inFlight.set(scopedKey, { fingerprint, done })
    try {
      const response = await done
      if (response.status >= 200 && response.status < 300) {
        this.stored.set(scopedKey, { fingerprint, response: structuredClone(response), storedAt: now.getTime() })
      }
      return response
    } finally {
      this.inFlight.delete(scopedKey)
    }
  }

  clear(): void {
    this.stored.clear()
    this.inFlight.clear()
  }
}
