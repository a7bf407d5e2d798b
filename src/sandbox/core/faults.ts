import { routeNameMatches } from "./route-name-match"
import type { FaultSpec } from "./types"

export interface ActiveFault {
  id: string
  spec: FaultSpec
  /** Matching calls still to fault; undefined = until cleared. */
  remaining?: number
  /** Calls this fault has been applied to. */
  applied: number
}

/** Injected faults, checked in the order they were added; the first that applies wins. */
export class FaultRegistry {
  private active: ActiveFault[] = []
  private sequence = 0

  constructor(private readonly random: () => number) {}

  add(spec: FaultSpec): ActiveFault {
    if (spec.times !== undefined && (!Number.isInteger(spec.times) || spec.times < 1)) {
      throw new RangeError(`fault.times must be a positive integer, got ${spec.times}`)
    }
    if (spec.rate !== undefined && !(spec.rate >= 0 && spec.rate <= 1)) {
      throw new RangeError(`fault.rate must be between 0 and 1, got ${spec.rate}`)
    }
    this.sequence += 1
    const fault: ActiveFault = { id: `fault_${this.sequence}`, spec, remaining: spec.times, applied: 0 }
    this.active.push(fault)
    return fault
  }

  remove(id: string): boolean {
    const before = this.active.length
    this.active = this.active.filter((fault) => fault.id !== id)
    return this.active.length !== before
  }

  clear(): void {
    this.active = []
  }

  list(): ActiveFault[] {
    return this.active.map((fault) => ({ ...fault }))
  }

  /**
   * The fault to apply to this call of `routeName`, if any. A fault counts against `times` only
   * when it is applied (a call skipped by `rate` does not use one up).
   */
  take(routeName: string): FaultSpec | undefined {
    for (const fault of this.active) {
      if (!routeNameMatches(fault.spec.route, routeName)) continue
      const rate = fault.spec.rate ?? 1
      if (rate < 1 && this.random() >= rate) continue
      fault.applied += 1
      if (fault.remaining !== undefined) {
        fault.remaining -= 1
        if (fault.remaining <= 0) this.remove(fault.id)
      }
      return fault.spec
    }
    return undefined
  }
}
