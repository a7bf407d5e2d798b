import type { ModificationType } from "./model"

export const FORCED_FAILURE_REASON = "Forced failure (sandbox control)"

/** Test control: make the next modification(s) of a type fail, whatever the payment's state. */
export class ForcedFailures {
  private readonly queued = new Map<ModificationType, string[]>()

  failNext(type: ModificationType, reason = FORCED_FAILURE_REASON): void {
    this.queued.set(type, [...(this.queued.get(type) ?? []), reason])
  }

  /** The reason to fail this modification with, if one is queued (used up). */
  take(type: ModificationType): string | undefined {
    return this.queued.get(type)?.shift()
  }

  clear(): void {
    this.queued.clear()
  }
}
