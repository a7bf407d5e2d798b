import {
  getRuntimeSettings,
  onRuntimeSettingsChange,
  readRuntimeSettings,
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

  it("re-reads the source when the values are older than maxAgeMs, one read for many callers", async () => {
    let reads = 0
    setRuntimeSettingsSource(async () => {
      reads += 1
      return { avarda: { captureMode: "manual" }, avardaStandalone: {}, avirato: {} }
    })
    const [a, b] = await Promise.all([readRuntimeSettings({ maxAgeMs: 0 }), readRuntimeSettings({ maxAgeMs: 0 })])
    expect(reads).toBe(1)
    expect(a).toEqual(b)
    expect(a.avarda.captureMode).toBe("manual")
    expect(await readRuntimeSettings({ maxAgeMs: 60_000 })).toBe(a)
    expect(reads).toBe(1)
  })

  it("getRuntimeSettings answers at once and refreshes stale values in the background", async () => {
    setRuntimeSettingsSource(async () => ({ avirato: { captureMode: "preauth" } }))
    expect(getRuntimeSettings({ maxAgeMs: 0 })).toEqual(EMPTY)
    await new Promise((resolve) => setImmediate(resolve))
    expect(getRuntimeSettings({ maxAgeMs: 60_000 }).avirato.captureMode).toBe("preauth")
  })

  it("keeps the last values when the source fails, and never lets a slow read overwrite a newer write", async () => {
    setRuntimeSettings({ avirato: { captureMode: "auto" } })
    setRuntimeSettingsSource(async () => {
      throw new Error("database down")
    })
    expect((await readRuntimeSettings({ maxAgeMs: 0 })).avirato.captureMode).toBe("auto")

    let release: (value: unknown) => void = () => undefined
    setRuntimeSettingsSource(() => new Promise((resolve) => (release = resolve)) as never)
    const slow = readRuntimeSettings({ maxAgeMs: 0 })
    setRuntimeSettings({ avirato: { captureMode: "preauth" } })
    await new Promise((resolve) => setImmediate(resolve))
    release({ avirato: { captureMode: "auto" } })
    expect((await slow).avirato.captureMode).toBe("preauth")
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
