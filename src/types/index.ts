/**
 * Types for a store's own code: the options of every provider and of the plugin (for
 * `medusa-config.ts`), and the store routes' request and response bodies.
 *
 *   import type { AvardaProviderOptions, AviratoProviderOptions } from "medusa-plugin-avarda-avirato/types"
 *
 * Provider options are the input types of the zod schemas that validate them at boot, so they
 * cannot drift from what the plugin accepts. Storefront code without Medusa installed imports
 * the store types from `medusa-plugin-avarda-avirato/store` instead.
 */
import type { AvardaMyPagesModuleOptions } from "../modules/avarda-my-pages/options"
import type { StandaloneOptionsInput } from "../providers/avarda-standalone/core/options"
import type { AvardaOptionsInput } from "../providers/avarda/core/options"
import type { AviratoOptionsInput } from "../providers/avirato/core/options"

/** Options of `medusa-plugin-avarda-avirato/providers/avarda` (Authorization API: invoice, part-payment, loan, direct invoice). */
export type AvardaProviderOptions = AvardaOptionsInput

/** Options of `medusa-plugin-avarda-avirato/providers/avarda-standalone` (Standalone Credit, CheckOut2Api). */
export type AvardaStandaloneProviderOptions = StandaloneOptionsInput

/** Options of `medusa-plugin-avarda-avirato/providers/avirato` (card payments). */
export type AviratoProviderOptions = AviratoOptionsInput

/** Options of the My Pages module; each falls back to an environment variable (see docs/options.md). */
export type AvardaMyPagesOptions = AvardaMyPagesModuleOptions

/** The plugin entry's `options` in `medusa-config.ts` (`plugins: [{ resolve: "medusa-plugin-avarda-avirato", options }]`). */
export interface AvardaAviratoPluginOptions {
  myPages?: AvardaMyPagesOptions
}

export type * from "./store"
