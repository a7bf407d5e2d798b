// Polling for what happens asynchronously in the app under test (subscribers, webhooks, jobs).

export interface WaitOptions {
  /** Give up after this long (default 15 s). */
  timeoutMs?: number
  /** Pause between two probes (default 200 ms). */
  intervalMs?: number
  /** Named in the timeout error. */
  what?: string
  /** Treat a probe that throws as "not yet" (its last error is named on timeout) instead of failing at once. */
  retryOnError?: boolean
}

/** Polls `probe` until it returns a truthy value, or fails after `timeoutMs`. */
export async function pollUntil<T>(
  probe: () => Promise<T | undefined | null | false>,
  { timeoutMs = 15_000, intervalMs = 200, what = "condition", retryOnError = false }: WaitOptions = {}
): Promise<T> {
  const deadline = Date.now() + timeoutMs
  let lastError: unknown
  for (;;) {
    try {
      const value = await probe()
      if (value) return value
    } catch (error) {
      if (!retryOnError) throw error
      lastError = error
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${lastError ? `: ${(lastError as Error).message}` : ""}`)
    }
    await sleep(intervalMs)
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
