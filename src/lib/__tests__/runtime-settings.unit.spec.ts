import {
  getRuntimeSettings,
  onRuntimeSettingsChange,
  readFreshRuntimeSettings,
  resetRuntimeSettings,
  setRuntimeSettings,
  setRuntimeSettingsSource,
} from "../runtime-settings"

const EMPTY = { avarda: {}, avardaStandalone: {}, avirato: {} }

describe("runtime settings", () => {
  beforeEach(() => resetRuntimeSettings())

  it("is empty per vendor before anything is loaded, so providers use their options", () => {
    expect(getRuntimeSettings()).toEqual(EMPTY)
  })

  it("returns what was set, frozen, and tells listeners at once", () => {
    const seen: unknown[] = []
    const unsubscribe = onRuntimeSettingsChange((s) => seen.push(s))
    const stored = setRuntimeSettings({ avirato: { captureMode: "preauth" } })
    expect(getRuntimeSettings()).toBe(stored)
    expect(stored).toEqual({ avarda: {}, avardaStandalone: {}, avirato: { captureMode: "preauth" } })
    expect(Object.isFrozen(stored.avirato)).toBe(true)
    expect(seen).toEqual([stored])
    unsubscribe()
    setRuntimeSettings({})
    expect(seen).toHaveLength(1)
  })

  it("drops fields that do not validate instead of passing them to providers", () => {
    expect(setRuntimeSettings({ avirato: { captureMode: "sometimes", defaultRefundReason: "FRAUD" }, unknown: { x: 1 } })).toEqual({
      avarda: {},
      avardaStandalone: {},
      avirato: { defaultRefundReason: "FRAUD" },
    })
  })

  it("readFreshRuntimeSettings reads the source for every decision, however recent the cached copy", async () => {
    let stored: unknown = { avarda: { captureMode: "on_shipment" } }
    let reads = 0
    setRuntimeSettingsSource(async () => {
      reads += 1
      return stored
    })
    setRuntimeSettings(stored)
    stored = { avarda: { captureMode: "manual" } }
    expect((await readFreshRuntimeSettings()).avarda.captureMode).toBe("manual")
    expect((await readFreshRuntimeSettings()).avarda.captureMode).toBe("manual")
    expect(reads).toBe(2)
    // ...and leaves what it read as the cached copy for display.
    expect(getRuntimeSettings({ maxAgeMs: 60_000 }).avarda.captureMode).toBe("manual")
  })

  it("readFreshRuntimeSettings never joins a read that started before it (that read may predate a save)", async () => {
    let release: (value: unknown) => void = () => undefined
    setRuntimeSettingsSource(() => new Promise((resolve) => (release = resolve)) as never)
    getRuntimeSettings({ maxAgeMs: 0 }) // starts a background read
    const releaseOld = release
    setRuntimeSettingsSource(async () => ({ avirato: { captureOnShipment: false } }))
    const fresh = await readFreshRuntimeSettings()
    releaseOld({ avirato: { captureOnShipment: true } })
    expect(fresh.avirato.captureOnShipment).toBe(false)
  })

  it("readFreshRuntimeSettings fails when the source fails, rather than deciding on old values", async () => {
    setRuntimeSettings({ avirato: { captureMode: "auto" } })
    setRuntimeSettingsSource(async () => {
      throw new Error("database down")
    })
    await expect(readFreshRuntimeSettings()).rejects.toThrow("database down")
  })

  it("readFreshRuntimeSettings without a source (settings module not loaded) answers what this process set", async () => {
    setRuntimeSettings({ avarda: { loanTerms: [24] } })
    expect((await readFreshRuntimeSettings()).avarda.loanTerms).toEqual([24])
  })

  it("getRuntimeSettings answers at once and refreshes stale values in the background", async () => {
    setRuntimeSettingsSource(async () => ({ avirato: { captureMode: "preauth" } }))
    expect(getRuntimeSettings({ maxAgeMs: 0 })).toEqual(EMPTY)
    await new Promise((resolve) => setImmediate(resolve))
    expect(getRuntimeSettings({ maxAgeMs: 60_000 }).avirato.captureMode).toBe("preauth")
  })

  it("the background re-read keeps the last values when the source fails and never overwrites a newer write", async () => {
    setRuntimeSettings({ avirato: { captureMode: "auto" } })
    setRuntimeSettingsSource(async () => {
      throw new Error("database down")
    })
    getRuntimeSettings({ maxAgeMs: 0 })
    await new Promise((resolve) => setImmediate(resolve))
    expect(getRuntimeSettings({ maxAgeMs: 60_000 }).avirato.captureMode).toBe("auto")

    let release: (value: unknown) => void = () => undefined
    setRuntimeSettingsSource(() => new Promise((resolve) => (release = resolve)) as never)
    getRuntimeSettings({ maxAgeMs: 0 })
    setRuntimeSettings({ avirato: { captureMode: "preauth" } })
    await new Promise((resolve) => setImmediate(resolve))
    release({ avirato: { captureMode: "auto" } })
    await new Promise((resolve) => setImmediate(resolve))
    expect(getRuntimeSettings({ maxAgeMs: 60_000 }).avirato.captureMode).toBe("preauth")
  })

  it("is one store per process even if the file is loaded twice", () => {
    setRuntimeSettings({ avarda: { loanTerms: [12] } })
    jest.isolateModules(() => {
            const again = require("../runtime-settings") as typeof import("../runtime-settings")
      expect(again.getRuntimeSettings().avarda.loanTerms).toEqual([12])
    })
  })
})
