// A store runs the plugin in several processes (servers and a worker) over one database. The admin
// saves the operational settings through one server; every money decision taken afterwards in any
// other process must obey the saved values at once — not after a cache in that process expires.
//
// A "process" here is what a process really has of its own: its runtime-settings state (the
// `globalThis` registry entry that src/lib/runtime-settings.ts keeps), booted the way the settings
// module boots it (source = a read of the shared table, values loaded at start). Saving on the server
// does what the settings module's save does: write the table, then update the server's own state.
import { avardaStandaloneRowCaptureFamily } from "../../operations/avarda-standalone/row-capture-family"
import { avardaRowCaptureFamily } from "../../operations/credit/row-capture-families"
import { operationalSettingsOf, parseAvardaOptions } from "../../providers/avarda/core/options"
import { parseStandaloneOptions, standaloneOfferedTerms } from "../../providers/avarda-standalone/core/options"
import { parseAviratoOptions, resolveOperationalSettings } from "../../providers/avirato/core/options"
import { setRuntimeSettings, setRuntimeSettingsSource } from "../runtime-settings"
import { AVIRATO_SANDBOX_OPTIONS } from "../../providers/avirato/__tests__/sandbox-options"

const STATE_KEY = Symbol.for("medusa-plugin-avarda-avirato.runtime-settings")
const registry = globalThis as unknown as Record<symbol, unknown>

/** The settings table every process shares (the database). */
class SharedSettingsTable {
  private values: Record<string, unknown> = {}
  reads = 0
  async read(): Promise<unknown> {
    this.reads += 1
    return structuredClone(this.values)
  }
  write(values: Record<string, unknown>): void {
    this.values = structuredClone(values)
  }
}

class SimulatedProcess {
  private state: unknown = undefined

  constructor(private readonly table: SharedSettingsTable) {}

  /** Runs `work` with this process's own runtime-settings state in place. */
  async run<T>(work: () => T | Promise<T>): Promise<T> {
    const outer = registry[STATE_KEY]
    registry[STATE_KEY] = this.state
    try {
      return await work()
    } finally {
      this.state = registry[STATE_KEY]
      registry[STATE_KEY] = outer
    }
  }

  /** What the settings module does when the process starts. */
  async boot(): Promise<void> {
    await this.run(async () => {
      setRuntimeSettingsSource(() => this.table.read())
      setRuntimeSettings(await this.table.read())
    })
  }

  /** What the admin's save does in the process that handles the request. */
  async save(values: Record<string, unknown>): Promise<void> {
    this.table.write(values)
    await this.run(() => setRuntimeSettings(values))
  }
}

const AVARDA_PROVIDER = "pp_avarda-invoice_avarda"
const STANDALONE_PROVIDER = "pp_avarda-standalone-invoice_avarda-standalone"

const avardaEntry = {
  environment: "sandbox",
  clientId: "c",
  clientSecret: "s",
  backendUrl: "http://shop.test",
  storefront: { successUrl: "http://s/ok", failureUrl: "http://s/ko" },
  products: ["invoice", "loan"],
  loan: { paymentTerms: [12, 24, 36] },
}
const standaloneEntry = {
  environment: "test",
  siteCode: "site",
  sitePassword: "password",
  backendUrl: "http://shop.test",
  storefront: { successUrl: "http://s/ok", failureUrl: "http://s/ko" },
  loan: { paymentTerms: [12, 24, 36] },
}
const aviratoEntry = {
  ...AVIRATO_SANDBOX_OPTIONS,
  captureMode: "preauth",
}

const container = {
  resolve: () => ({
    modules: {
      payment: {
        resolve: "@medusajs/medusa/payment",
        options: {
          providers: [
            { resolve: "./src/providers/avarda", id: "avarda", options: avardaEntry },
            { resolve: "./src/providers/avarda-standalone", id: "avarda-standalone", options: standaloneEntry },
          ],
        },
      },
    },
  }),
} as never

describe("operational settings saved on one server, decided on in another process", () => {
  const outerState = registry[STATE_KEY]
  afterAll(() => {
    registry[STATE_KEY] = outerState
  })

  async function deployment() {
    const table = new SharedSettingsTable()
    const server = new SimulatedProcess(table)
    const worker = new SimulatedProcess(table)
    await server.boot()
    await worker.boot()
    return { table, server, worker }
  }

  it("Avarda: capture manually saved on the server → the worker's next shipment is not captured", async () => {
    const { server, worker } = await deployment()
    expect(await worker.run(() => avardaRowCaptureFamily.capturesOnShipment(container, AVARDA_PROVIDER))).toBe(true)
    await server.save({ avarda: { captureMode: "manual" } })
    expect(await worker.run(() => avardaRowCaptureFamily.capturesOnShipment(container, AVARDA_PROVIDER))).toBe(false)
  })

  it("Standalone Credit: capture manually saved on the server → the worker does not capture on shipment", async () => {
    const { server, worker } = await deployment()
    expect(await worker.run(() => avardaStandaloneRowCaptureFamily.capturesOnShipment(container, STANDALONE_PROVIDER))).toBe(true)
    await server.save({ avardaStandalone: { captureMode: "manual" } })
    expect(await worker.run(() => avardaStandaloneRowCaptureFamily.capturesOnShipment(container, STANDALONE_PROVIDER))).toBe(false)
  })

  it("Avirato: capture on shipment turned off and capture mode changed on the server → the other process obeys at once", async () => {
    const { server, worker } = await deployment()
    const options = parseAviratoOptions(aviratoEntry)
    expect(await worker.run(() => resolveOperationalSettings(options))).toMatchObject({ captureOnShipment: true, captureMode: "preauth" })
    await server.save({ avirato: { captureOnShipment: false, captureMode: "auto" } })
    expect(await worker.run(() => resolveOperationalSettings(options))).toMatchObject({ captureOnShipment: false, captureMode: "auto" })
  })

  it("instalment terms withdrawn on one server are no longer offered by another", async () => {
    const { server, worker: otherServer } = await deployment()
    const avarda = parseAvardaOptions(avardaEntry)
    const standalone = parseStandaloneOptions(standaloneEntry)
    expect((await otherServer.run(() => operationalSettingsOf(avarda))).paymentTerms.loan).toEqual([12, 24, 36])
    expect(await otherServer.run(() => standaloneOfferedTerms(standalone, "loan"))).toEqual([12, 24, 36])
    await server.save({ avarda: { loanTerms: [36] }, avardaStandalone: { loanTerms: [24] } })
    expect((await otherServer.run(() => operationalSettingsOf(avarda))).paymentTerms.loan).toEqual([36])
    expect(await otherServer.run(() => standaloneOfferedTerms(standalone, "loan"))).toEqual([24])
  })

  it("each decision reads the table at that moment, also long after the process started", async () => {
    const { table, server, worker } = await deployment()
    for (const captureMode of ["manual", "on_shipment", "manual"] as const) {
      await server.save({ avarda: { captureMode } })
      const readsBefore = table.reads
      expect(await worker.run(() => avardaRowCaptureFamily.capturesOnShipment(container, AVARDA_PROVIDER))).toBe(captureMode === "on_shipment")
      expect(table.reads).toBeGreaterThan(readsBefore)
    }
  })
})
