/**
 * How long a vendor keeps an uncaptured authorization, when it lapses, and when the admin should be
 * warned. The one place these facts and rules live: providers record the expiry on the payment's
 * `data` when they see the authorization approved (and again when an extension succeeds), the admin
 * panel and the warning job read it back. No Medusa imports.
 *
 * Neither vendor documents the lifetime, so both are assumptions (docs/sandbox-avirato.md and
 * docs/sandbox-avarda.md list them):
 * - Avirato pre-authorisation: 7 days from authorisation, and 7 days from a successful extension
 *   (the low end of the card schemes' 7–28 days behind Avirato's processor); it can be extended.
 * - Avarda credit reservation (Authorization API and Standalone Credit): 14 days from approval
 *   ("capture within a few weeks"); no API extends it, so the admin can only capture in time.
 * The time is counted from when the plugin first saw the authorization approved, which is at or
 * just after the vendor's own moment.
 */
import { isProviderIdOf } from "../plugin-vendors"

export type AuthorizationFamily = "avirato-preauth" | "avarda" | "avarda-standalone"

export interface AuthorizationLifetime {
  days: number
  /** Whether the vendor's API can prolong it (Avirato's payment/extend). */
  extendable: boolean
  /** Vendor name for messages. */
  vendor: "Avirato" | "Avarda"
}

const DAY_MS = 24 * 60 * 60 * 1000

export const AUTHORIZATION_LIFETIMES: Readonly<Record<AuthorizationFamily, AuthorizationLifetime>> = {
  "avirato-preauth": { days: 7, extendable: true, vendor: "Avirato" },
  avarda: { days: 14, extendable: false, vendor: "Avarda" },
  "avarda-standalone": { days: 14, extendable: false, vendor: "Avarda" },
}

/** Days before the expiry from which the admin is warned, unless the plugin settings say otherwise. */
export const DEFAULT_EXPIRY_WARNING_DAYS = 2

/** The warning lead the store owner chose for this family in the plugin settings, else the default. */
export function expiryWarningDaysFor(
  family: AuthorizationFamily,
  settings: { avarda?: { expiryWarningDays?: number }; avardaStandalone?: { expiryWarningDays?: number }; avirato?: { expiryWarningDays?: number } }
): number {
  const section = family === "avirato-preauth" ? settings.avirato : family === "avarda" ? settings.avarda : settings.avardaStandalone
  return section?.expiryWarningDays ?? DEFAULT_EXPIRY_WARNING_DAYS
}

/**
 * What a payment's `data` carries about its authorization's life (ISO 8601 instants). A type, not an
 * interface, so that data carrying it stays assignable to Record<string, unknown>.
 */
export type AuthorizationExpiryData = {
  /** When the plugin first saw the authorization approved. */
  authorized_at?: string
  /** When the vendor is assumed to release it unless it is captured (or extended) before. */
  authorization_expires_at?: string
  /** The expiry the admin was last notified about (one notification per expiry). */
  authorization_expiry_notified_for?: string | null
}

/** The family of a payment's authorization, from what its provider keeps in `data`; undefined when nothing lapses. */
export function authorizationFamilyOf(providerId: string, data: Record<string, unknown> | null | undefined): AuthorizationFamily | undefined {
  const source = data ?? {}
  if (isProviderIdOf("avirato", providerId)) return source.mode === "preauth" ? "avirato-preauth" : undefined
  if (source.vendor === "avarda-standalone") return "avarda-standalone"
  if (source.vendor === "avarda-authorization-api") return "avarda"
  return undefined
}

/** The instant an authorization of `family` made (or extended) at `from` lapses. */
export function authorizationExpiresAt(family: AuthorizationFamily, from: Date): string {
  return new Date(from.getTime() + AUTHORIZATION_LIFETIMES[family].days * DAY_MS).toISOString()
}

/**
 * `data` with the authorization's start and expiry recorded, when they are not yet: a re-read of an
 * approved authorization keeps the first ones (an extension moves the expiry, see `withExtendedAuthorization`).
 */
export function withAuthorizationExpiry<T extends Record<string, unknown>>(data: T, family: AuthorizationFamily, now: Date): T & AuthorizationExpiryData {
  const current = data as T & AuthorizationExpiryData
  if (validInstant(current.authorization_expires_at)) return current
  const authorizedAt = validInstant(current.authorized_at) ? new Date(current.authorized_at!) : now
  return { ...current, authorized_at: authorizedAt.toISOString(), authorization_expires_at: authorizationExpiresAt(family, authorizedAt) }
}

/** `data` after a successful extension at `at`: the authorization lives a full lifetime from then. */
export function withExtendedAuthorization<T extends Record<string, unknown>>(data: T, family: AuthorizationFamily, at: Date): T & AuthorizationExpiryData {
  return { ...data, authorization_expires_at: authorizationExpiresAt(family, at) }
}

export type ExpiryState = "ok" | "near" | "expired"

export interface ExpiryStatus {
  state: ExpiryState
  expires_at: string
  /** From this instant on the admin is warned. */
  warn_from: string
}

/**
 * Where an authorization that lapses at `expiresAt` stands at `now`, warned `warningDays` ahead:
 * `ok` before the warning time, `near` from it until the expiry, `expired` from the expiry on.
 */
export function expiryStatus(expiresAt: string | null | undefined, now: Date, warningDays: number = DEFAULT_EXPIRY_WARNING_DAYS): ExpiryStatus | undefined {
  if (!validInstant(expiresAt)) return undefined
  const expires = Date.parse(expiresAt!)
  const warnFrom = expires - Math.max(0, warningDays) * DAY_MS
  const state: ExpiryState = now.getTime() >= expires ? "expired" : now.getTime() >= warnFrom ? "near" : "ok"
  return { state, expires_at: new Date(expires).toISOString(), warn_from: new Date(warnFrom).toISOString() }
}

export interface OpenAuthorization {
  family: AuthorizationFamily | undefined
  data: Record<string, unknown> | null | undefined
  /** Nothing left to capture or release: captured in full (Avirato: any capture), cancelled. */
  settled: boolean
}

/**
 * Whether the admin is to be notified now about this authorization: it is open, near its expiry or
 * past it, and no notification was sent for this expiry yet (an extension gives a new expiry, and
 * so a new notification when that one nears).
 */
export function shouldNotifyExpiry(payment: OpenAuthorization, now: Date, warningDays: number = DEFAULT_EXPIRY_WARNING_DAYS): boolean {
  if (!payment.family || payment.settled) return false
  const data = (payment.data ?? {}) as AuthorizationExpiryData
  const status = expiryStatus(data.authorization_expires_at, now, warningDays)
  if (!status || status.state === "ok") return false
  return data.authorization_expiry_notified_for !== status.expires_at
}

/** What the admin reads about the expiry: when it lapses, and what can be done about it. */
export function expiryAdvice(family: AuthorizationFamily, status: ExpiryStatus): string {
  const lifetime = AUTHORIZATION_LIFETIMES[family]
  const when = status.expires_at.replace("T", " ").replace(/:\d\d\.\d{3}Z$/, " UTC")
  if (status.state === "expired") {
    return `The ${lifetime.vendor} authorization is assumed to have lapsed at ${when}: capturing may fail.`
  }
  return lifetime.extendable
    ? `The ${lifetime.vendor} pre-authorisation lapses at ${when}: capture or extend it before then.`
    : `The ${lifetime.vendor} authorization lapses at ${when} and cannot be extended: capture before then.`
}

/**
 * Whether nothing of the authorization is left to lapse: the payment is cancelled or fully captured
 * in Medusa, or its provider's data records a cancellation or (Avirato, one capture per
 * pre-authorisation) a capture, or (Avarda) captures of the whole authorized amount.
 */
export function authorizationSettled(
  family: AuthorizationFamily,
  data: Record<string, unknown> | null | undefined,
  payment: { captured_at?: string | Date | null; canceled_at?: string | Date | null }
): boolean {
  if (payment.captured_at || payment.canceled_at) return true
  const source = data ?? {}
  const list = (key: string) => (Array.isArray(source[key]) ? (source[key] as Array<Record<string, unknown>>) : [])
  if (family === "avirato-preauth") {
    return [...list("captures"), ...list("cancellations")].some((record) => record.status !== "failed")
  }
  if (source.cancellation) return true
  const captured = list("captures").reduce((sum, capture) => sum + (typeof capture.amount_minor === "number" ? capture.amount_minor : 0), 0)
  return typeof source.amount_minor === "number" && source.amount_minor > 0 && captured >= source.amount_minor
}

function validInstant(value: unknown): boolean {
  return typeof value === "string" && !Number.isNaN(Date.parse(value))
}
