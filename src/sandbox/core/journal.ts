import { routeNameMatches } from "./route-name-match"
import type { JournalEntry } from "./types"

export interface JournalFilter {
  /** Route name, exact or prefix ending in "*". */
  route?: string
  method?: string
  /** Substring of the request path. */
  path?: string
  status?: number
  /** Only the last `limit` matching entries. */
  limit?: number
}

const DEFAULT_CAPACITY = 2000

/** Every request the vendor routes received, oldest first (control API and console excluded). */
export class Journal {
  private readonly items: JournalEntry[] = []

  constructor(private readonly capacity = DEFAULT_CAPACITY) {}

  add(entry: JournalEntry): void {
    this.items.push(entry)
    if (this.items.length > this.capacity) this.items.splice(0, this.items.length - this.capacity)
  }

  entries(filter: JournalFilter = {}): JournalEntry[] {
    const matching = this.items.filter(
      (entry) =>
        (filter.route === undefined || routeNameMatches(filter.route, entry.route)) &&
        (filter.method === undefined || entry.method === filter.method.toUpperCase()) &&
        (filter.path === undefined || entry.path.includes(filter.path)) &&
        (filter.status === undefined || entry.status === filter.status),
    )
    return filter.limit === undefined ? matching : matching.slice(Math.max(0, matching.length - filter.limit))
  }

  clear(): void {
    this.items.length = 0
  }
}
