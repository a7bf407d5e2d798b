import type { SandboxTimers } from "./types"

export interface OwnedTimers extends SandboxTimers {
  /** Cancel every pending timer (sleeps never resolve). */
  cancelAll(): void
  pending(): number
}

export function createTimers(): OwnedTimers {
  const pending = new Set<NodeJS.Timeout>()
  const setOwnedTimeout = (callback: () => void, ms: number) => {
    const timer = setTimeout(() => {
      pending.delete(timer)
      callback()
    }, Math.max(0, ms))
    timer.unref()
    pending.add(timer)
    return () => {
      clearTimeout(timer)
      pending.delete(timer)
    }
  }
  return {
    setTimeout: setOwnedTimeout,
    sleep: (ms) => new Promise<void>((resolve) => void setOwnedTimeout(resolve, ms)),
    cancelAll() {
      for (const timer of pending) clearTimeout(timer)
      pending.clear()
    },
    pending: () => pending.size,
  }
}
