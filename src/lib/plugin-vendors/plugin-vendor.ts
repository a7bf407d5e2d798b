/**
 * What every vendor module of the plugin states about itself. Provider ids are
 * `pp_<identifier>_<config id>`: the service identifier of one payment method and medusa-config's
 * provider `id`.
 */
import type { UnconfirmedCallPlaces } from "../unconfirmed-calls"

export type PluginVendorKey = "avarda" | "avarda-standalone" | "avirato"

export interface PluginPaymentMethodFacts {
  /** The provider service's `static identifier`, e.g. "avarda-part-payment". */
  identifier: string
  /** How the admin names the method. */
  label: string
}

export interface PluginVendorFacts<Method extends string = string, StatusMapper extends (...args: never[]) => string = (...args: never[]) => string> {
  vendor: PluginVendorKey
  /** How the admin names the vendor. */
  name: string
  /** The folder of the provider module under `providers/`, as a medusa-config `resolve` path ends. */
  providerDirectory: string
  /** The vendor's payment methods, in display order. */
  methods: Record<Method, PluginPaymentMethodFacts>
  /** The vendor family's one mapping from its own payment state to Medusa's payment session status. */
  sessionStatusOf: StatusMapper
  /** Where its providers record the calls the vendor never answered readably (re-sent by the reconciliation job). */
  unconfirmedCallPlaces: UnconfirmedCallPlaces
}

/** A provider id: `pp_<identifier>_<configId>`. */
export function providerIdOf(identifier: string, configId: string): string {
  return `pp_${identifier}_${configId}`
}

/** A vendor's service identifiers by method, e.g. `{ loan: "avarda-loan", … }`. */
export function identifiersByMethod<Method extends string>(facts: PluginVendorFacts<Method>): Record<Method, string> {
  const entries = Object.entries(facts.methods) as Array<[Method, PluginPaymentMethodFacts]>
  return Object.fromEntries(entries.map(([method, { identifier }]) => [method, identifier])) as Record<Method, string>
}
