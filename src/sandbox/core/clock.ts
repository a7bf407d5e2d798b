import type { SandboxClock } from "./types"

export interface ResettableClock extends SandboxClock {
  /** Back to real time (offset 0). */
  reset(): void
  /** How far the clock has been advanced, in ms. */
  offsetMs(): number
}

/** Real time plus an offset that only ever grows (until reset). */
export function createClock(): ResettableClock {
  let offset = 0
  return {
    now: () => new Date(Date.now() + offset),
    advance(ms: number) {
      if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`clock.advance expects a non-negative number of ms, got ${ms}`)
      offset += ms
    },
    reset() {
      offset = 0
    },
    offsetMs: () => offset,
  }
}
