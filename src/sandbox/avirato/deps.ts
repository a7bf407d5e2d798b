import type { SandboxContext } from "../core/types"
import type { ForcedFailures } from "./forced-failures"
import type { IdempotencyStore } from "./idempotency"
import type { ReferenceFactory } from "./references"
import type { AviratoStore } from "./store"
import type { WebhookDispatcher } from "./webhook-dispatcher"

/** What the Avirato routes of one sandbox share. */
export interface AviratoDeps {
  ctx: SandboxContext
  store: AviratoStore
  references: ReferenceFactory
  idempotency: IdempotencyStore
  webhooks: WebhookDispatcher
  forcedFailures: ForcedFailures
}
