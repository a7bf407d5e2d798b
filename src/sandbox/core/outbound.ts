import type { OutboundDelivery } from "./types"

const DEFAULT_CAPACITY = 1000

/** Outbound calls (webhooks) keyed by id; re-recording an id replaces it in place. */
export class OutboundLog {
  private readonly byId = new Map<string, OutboundDelivery>()

  constructor(private readonly capacity = DEFAULT_CAPACITY) {}

  record(delivery: OutboundDelivery): void {
    this.byId.set(delivery.id, structuredClone(delivery))
    if (this.byId.size > this.capacity) {
      const oldest = this.byId.keys().next().value
      if (oldest !== undefined) this.byId.delete(oldest)
    }
  }

  entries(): OutboundDelivery[] {
    return [...this.byId.values()].map((delivery) => structuredClone(delivery))
  }

  clear(): void {
    this.byId.clear()
  }
}
