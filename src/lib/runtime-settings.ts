// The process-local view of the store owner's operational settings (admin → Settings →
// "Avarda & Avirato"), for code that cannot resolve the settings module: payment providers live in
// the Payment Module's own container. No Medusa imports here.
//
// Writers: the plugin-settings module service, on application start and on every change.
// Readers:
// - every decision that moves or withholds money or chooses a mode (capture mode, capture on
//   shipment, instalment terms offered, refund reason) awaits `readFreshRuntimeSettings()`: a read of
//   the database at that moment, so a change saved through another process (a second server, the
//   worker) governs the very next decision;
// - display only (the admin's "effective" values) may use `getRuntimeSettings()` (synchronous: the
//   last known values, re-read in the background when older than a couple of seconds).
// Every field is optional: when a field is missing, use the provider's own option.
//
// The state hangs off `globalThis` under a registry symbol, so it stays one store even if this file
// is loaded twice (e.g. from `src/` and from `.medusa/server/src/`).
import {
  EMPTY_OPERATIONAL_SETTINGS,
  sanitizeStoredSettings,
  type OperationalSettings,
} from "./plugin-settings/operational-settings"

export type RuntimeSettings = OperationalSettings
/** Returns the stored values; they are validated again (invalid fields dropped) before use. */
export type RuntimeSettingsSource = () => Promise<unknown>
export type RuntimeSettingsListener = (settings: RuntimeSettings) => void

/** How old the cached values may be before `getRuntimeSettings()` re-reads them in the background. */
export const DEFAULT_RUNTIME_SETTINGS_MAX_AGE_MS = 2000

interface RuntimeSettingsState {
  settings: RuntimeSettings
  /** ms since epoch of the last write; 0 = never written. */
  updatedAt: number
  /** Bumped by every write, so a slow re-read never overwrites a newer write. */
  version: number
  source?: RuntimeSettingsSource
  refreshing?: Promise<RuntimeSettings>
  listeners: Set<RuntimeSettingsListener>
}

const STATE_KEY = Symbol.for("medusa-plugin-avarda-avirato.runtime-settings")

function state(): RuntimeSettingsState {
  const holder = globalThis as unknown as Record<symbol, RuntimeSettingsState | undefined>
  let current = holder[STATE_KEY]
  if (!current) {
    current = { settings: EMPTY_OPERATIONAL_SETTINGS, updatedAt: 0, version: 0, listeners: new Set() }
    holder[STATE_KEY] = current
  }
  return current
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value)
    for (const child of Object.values(value as Record<string, unknown>)) deepFreeze(child)
  }
  return value
}

/**
 * The last known settings (frozen). Before the settings module has loaded: every vendor `{}`.
 * Values older than `maxAgeMs` are re-read in the background for the next caller.
 */
export function getRuntimeSettings({ maxAgeMs = DEFAULT_RUNTIME_SETTINGS_MAX_AGE_MS }: { maxAgeMs?: number } = {}): RuntimeSettings {
  const current = state()
  if (isStale(current, maxAgeMs)) void refresh(current)
  return current.settings
}

function isStale(current: RuntimeSettingsState, maxAgeMs: number): boolean {
  return current.source !== undefined && Date.now() - current.updatedAt >= maxAgeMs
}

/** One re-read at a time, however many callers; a failing source keeps the last known values. */
function refresh(current: RuntimeSettingsState): Promise<RuntimeSettings> {
  if (!current.refreshing && current.source) {
    const source = current.source
    const versionAtStart = current.version
    current.refreshing = Promise.resolve()
      .then(source)
      .then((fresh) => (current.version === versionAtStart ? setRuntimeSettings(fresh) : current.settings))
      .catch(() => current.settings)
      .finally(() => {
        current.refreshing = undefined
      })
  }
  return current.refreshing ?? Promise.resolve(current.settings)
}

/** Replaces the settings (invalid fields are dropped) and tells the listeners. Returns what was stored. */
export function setRuntimeSettings(settings: unknown): RuntimeSettings {
  const current = state()
  const next = deepFreeze(sanitizeStoredSettings(structuredClone(settings)))
  current.settings = next
  current.updatedAt = Date.now()
  current.version += 1
  for (const listener of current.listeners) {
    try {
      listener(next)
    } catch {
      // a listener's failure must not stop the others or the writer
    }
  }
  return next
}

/** Registers where fresh values come from (the settings module's database read). */
export function setRuntimeSettingsSource(source: RuntimeSettingsSource | undefined): void {
  state().source = source
}

/**
 * The settings as stored at this moment: always a new read of the source (never a read that started
 * earlier, which could predate a save), for decisions about money. Also refreshes the cached copy.
 * Throws when the source fails — a decision must not be taken on values that may be out of date.
 * Without a source (the settings module is not loaded) the values set in this process are the truth.
 */
export async function readFreshRuntimeSettings(): Promise<RuntimeSettings> {
  const current = state()
  const source = current.source
  if (!source) return current.settings
  const versionAtStart = current.version
  const fresh = await source()
  // The decision gets what this read found; the cached copy only takes it when nothing newer was
  // written meanwhile.
  return current.version === versionAtStart ? setRuntimeSettings(fresh) : deepFreeze(sanitizeStoredSettings(structuredClone(fresh)))
}

/** Called after every change; returns a function that unsubscribes. */
export function onRuntimeSettingsChange(listener: RuntimeSettingsListener): () => void {
  const current = state()
  current.listeners.add(listener)
  return () => current.listeners.delete(listener)
}

/** For tests: forget values, source and listeners. */
export function resetRuntimeSettings(): void {
  const current = state()
  current.settings = EMPTY_OPERATIONAL_SETTINGS
  current.updatedAt = 0
  current.version += 1
  current.source = undefined
  current.refreshing = undefined
  current.listeners.clear()
}
