import { createAvardaSimulators, type AvardaControl } from "./avarda"
import { createAviratoSimulator, type AviratoControl } from "./avirato"
import { mountControlApi } from "./core/control-api"
import type { ActiveFault } from "./core/faults"
import type { JournalFilter } from "./core/journal"
import { resolveSandboxOptions } from "./core/options"
import { SandboxServer } from "./core/server"
import type {
  AvardaSandboxSettings,
  AviratoSandboxSettings,
  FaultSpec,
  JournalEntry,
  OutboundDelivery,
  SandboxClock,
  SandboxOptions,
} from "./core/types"
import { sandboxUrls, type SandboxUrls } from "./core/urls"

export type { ActiveFault, JournalFilter, SandboxUrls }
export type * from "./core/types"
export type { AvardaControl } from "./avarda"
export type { AviratoControl, AviratoEnvironment, AviratoWebhookBody, AviratoReturnTokenClaims } from "./avirato"
export { signAviratoWebhookPayload, AVIRATO_REFUND_REASONS } from "./avirato"
export { PortInUseError } from "./core/server"
export { DEFAULT_AVARDA_SETTINGS, DEFAULT_AVIRATO_SETTINGS } from "./core/options"

/** A running sandbox: one HTTP server serving every vendor API, the control API and the console. */
export interface Sandbox {
  /** e.g. `http://localhost:4010` */
  readonly origin: string
  readonly urls: SandboxUrls
  /** The credentials and timings in effect (defaults merged with SandboxOptions). */
  readonly settings: { avarda: AvardaSandboxSettings; avirato: AviratoSandboxSettings }
  readonly faults: {
    /** Returns the fault id (for `remove`). */
    add(spec: FaultSpec): string
    remove(id: string): boolean
    clear(): void
    list(): ActiveFault[]
  }
  readonly journal: { entries(filter?: JournalFilter): JournalEntry[]; clear(): void }
  readonly outbound: { entries(): OutboundDelivery[]; clear(): void }
  readonly clock: SandboxClock
  readonly avirato: AviratoControl
  readonly avarda: AvardaControl
  /** Every simulator's control object by simulator name. */
  readonly controls: Readonly<Record<string, unknown>>
  /** Forget all state: vendor data, journal, faults, outbound log, clock offset, pending webhooks. */
  reset(): void
  /** Close the server and every socket, cancel timers and outbound calls. Safe to call twice. */
  stop(): Promise<void>
}

/** Start a sandbox on `options.port` (default: a free port) and `options.host` (default localhost). */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const resolved = resolveSandboxOptions(options)
  const server = new SandboxServer(resolved, options.random)
  mountControlApi(server)
  const avirato = createAviratoSimulator()
  const avarda = createAvardaSimulators()
  for (const simulator of [...avarda, avirato]) server.mount(simulator)
  const controls: Record<string, unknown> = {}
  for (const simulator of server.mounted()) {
    if (simulator.control !== undefined) controls[simulator.name] = simulator.control
  }
  // The three Avarda simulators share one control object (Authorization API, CheckOut2Api, My Pages).
  const avardaControl = avarda.find((simulator) => simulator.control !== undefined)?.control
  if (!avardaControl) throw new Error("The Avarda simulators expose no control object")

  const origin = await server.listen()
  resolved.log(`[sandbox] listening on ${origin}`)

  return {
    origin,
    urls: sandboxUrls(origin),
    settings: { avarda: resolved.avarda, avirato: resolved.avirato },
    faults: {
      add: (spec) => server.faults.add(spec).id,
      remove: (id) => server.faults.remove(id),
      clear: () => server.faults.clear(),
      list: () => server.faults.list(),
    },
    journal: {
      entries: (filter) => server.journal.entries(filter),
      clear: () => server.journal.clear(),
    },
    outbound: {
      entries: () => server.outbound.entries(),
      clear: () => server.outbound.clear(),
    },
    clock: { now: () => server.clock.now(), advance: (ms) => server.clock.advance(ms) },
    avirato: avirato.control as AviratoControl,
    avarda: avardaControl,
    controls,
    reset: () => server.reset(),
    stop: () => server.stop(),
  }
}
