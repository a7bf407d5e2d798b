/**
 * What a cart may pay with among this plugin's methods (`GET /store/avarda/payment-options`): every
 * plugin provider enabled on the cart's region, whether it can take this cart (currency, market,
 * amount limits, product offered), the instalment terms offered now, the amount limits, whether
 * the shopper must give a personal ID number, and what the storefront needs to start the session
 * and render Avarda's widgets. The same rules the session routes and providers apply decide it.
 */
import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { AVARDA_MARKETS, marketCurrency, marketOfCountry } from "../../lib/avarda/markets"
import { isAviratoCurrency } from "../../lib/avirato/schemas"
import { minorToDecimalNumber } from "../../lib/money/minor-units"
import { pluginPaymentMethodOf, VENDOR_IDENTIFIERS, type PluginVendor } from "../../lib/plugin-settings/plugin-payment-methods"
import { readFreshRuntimeSettings, type RuntimeSettings } from "../../lib/runtime-settings"
import { operationalSettingsFrom, paymentWidgetEndpointsOf, type AvardaOptions } from "../../providers/avarda/core/options"
import { parseAvardaProviderId } from "../../providers/avarda/core/provider-ids"
import { configuredAvardaOptions } from "../../providers/avarda/core/runtime-config"
import { standaloneTermsFrom, type StandaloneOptions } from "../../providers/avarda-standalone/core/options"
import { parseStandaloneProviderId } from "../../providers/avarda-standalone/core/provider-ids"
import { configuredStandaloneOptions } from "../../providers/avarda-standalone/core/runtime-config"
import { aviratoProvider } from "../../providers/avirato/core/configured-providers"
import { amountLimitBreach, type AmountLimits } from "../../providers/shared/credit-offer"
import { medusaAmountToMinor } from "../../providers/shared/medusa-amount"

export type PaymentOptionUnavailableReason =
  | "product_not_offered"
  | "currency_not_supported"
  | "country_not_supported"
  | "amount_below_minimum"
  | "amount_above_maximum"
  | "not_configured"

export interface PaymentOption {
  provider_id: string
  vendor: PluginVendor
  /** invoice, part-payment, loan, direct-invoice, card. */
  method: string
  label: string
  available: boolean
  unavailable_reason: PaymentOptionUnavailableReason | null
  /** Avarda's credit decision needs the shopper's personal ID number (never stored). */
  requires_personal_id_number: boolean
  /** Months the shopper chooses from (loan, part-payment); null for methods without terms. */
  payment_terms: number[] | null
  /** Cart totals (major units) the method is offered for, where the store configured them. */
  min_amount: number | null
  max_amount: number | null
  /** Where the session starts: the plugin's route for Avarda, Medusa's payment-sessions route otherwise. */
  session_route: string
  /** A credit with a cost for a Swedish shopper: show the statutory notice ("Att låna pengar kostar pengar"). */
  cost_notice_required: boolean
  /** Attributes for Avarda's APR widget (`<avarda-apr-widget>`), when the payment widget is enabled. */
  apr_widget: { payment_method: string; account_class: number | null } | null
}

export interface CartPaymentOptions {
  cart_id: string
  region_id: string | null
  currency_code: string
  amount: number
  payment_options: PaymentOption[]
}

interface CartRow {
  id: string
  currency_code: string
  total: unknown
  region_id?: string | null
  billing_address?: { country_code?: string | null } | null
  shipping_address?: { country_code?: string | null } | null
  region?: { payment_providers?: Array<{ id: string; is_enabled?: boolean | null } | null> | null } | null
}

const STANDARD_SESSION_ROUTE = "/store/payment-collections/:id/payment-sessions"
const SESSION_ROUTES: Record<Exclude<PluginVendor, "avirato">, string> = {
  avarda: "/store/avarda/payment-sessions",
  "avarda-standalone": "/store/avarda-standalone/payment-sessions",
}

/** Methods in the order a checkout lists them: Avarda's products, Standalone Credit's, cards. */
const DISPLAY_ORDER: string[] = Object.values(VENDOR_IDENTIFIERS).flat()
const displayRank = (option: PaymentOption) => DISPLAY_ORDER.indexOf(pluginPaymentMethodOf(option.provider_id)?.identifier ?? "")

/** The APR widget's `payment-method` for each credit product (part payment is a loan with an account class). */
const APR_WIDGET_METHODS: Record<string, string> = { invoice: "invoice", "direct-invoice": "direct-invoice", loan: "loan", "part-payment": "loan" }

interface CartFacts {
  currency: string
  amountMinor: number
  /** Invoicing country (billing, else shipping address), when the cart has one. */
  country: string | undefined
}

interface CreditFamilyFacts {
  offered: readonly string[]
  amountLimits: AmountLimits | undefined
  terms: number[] | null
}

/** Shared rules of both Avarda credit families: product offered, Avarda market and currency, amount limits. */
function creditUnavailability(cart: CartFacts, product: string, family: CreditFamilyFacts): PaymentOptionUnavailableReason | null {
  if (!family.offered.includes(product)) return "product_not_offered"
  if (!AVARDA_MARKETS.some((market) => marketCurrency(market) === cart.currency)) return "currency_not_supported"
  if (cart.country !== undefined) {
    const market = marketOfCountry(cart.country)
    if (!market) return "country_not_supported"
    if (marketCurrency(market) !== cart.currency) return "currency_not_supported"
  }
  const breach = amountLimitBreach(family.amountLimits, product, cart.amountMinor, cart.currency)
  return breach ? (breach.reason === "below_minimum" ? "amount_below_minimum" : "amount_above_maximum") : null
}

function limitsOf(limits: AmountLimits | undefined, product: string): { min_amount: number | null; max_amount: number | null } {
  return { min_amount: limits?.[product]?.min ?? null, max_amount: limits?.[product]?.max ?? null }
}

function creditOption(
  base: Pick<PaymentOption, "provider_id" | "vendor" | "method" | "label">,
  cart: CartFacts,
  family: CreditFamilyFacts,
  aprWidget: PaymentOption["apr_widget"]
): PaymentOption {
  const reason = creditUnavailability(cart, base.method, family)
  const isInstalmentCredit = base.method === "loan" || base.method === "part-payment"
  return {
    ...base,
    available: reason === null,
    unavailable_reason: reason,
    requires_personal_id_number: true,
    payment_terms: family.terms,
    ...limitsOf(family.amountLimits, base.method),
    session_route: sessionRouteOf(base.vendor),
    cost_notice_required: isInstalmentCredit && cart.currency === marketCurrency("SE"),
    apr_widget: aprWidget,
  }
}

function avardaTerms(options: AvardaOptions, product: string, settings: RuntimeSettings): number[] | null {
  const { paymentTerms } = operationalSettingsFrom(options, settings)
  return product === "loan" ? paymentTerms.loan : product === "part-payment" ? paymentTerms.partPayment : null
}

function avardaAccountClass(options: AvardaOptions, product: string): number | null {
  const code =
    product === "loan" ? options.loan.accountClassCode : product === "part-payment" ? options.partPayment.accountClassCode : product === "direct-invoice" ? options.directInvoice.accountClassCode : undefined
  return code ?? null
}

function standaloneTerms(options: StandaloneOptions, product: string, settings: RuntimeSettings): number[] | null {
  return product === "loan" || product === "part-payment" ? standaloneTermsFrom(options, product, settings) : null
}

/** The fields of a method that offers no credit terms, limits or widgets. */
const WITHOUT_CREDIT_TERMS = { payment_terms: null, min_amount: null, max_amount: null, cost_notice_required: false, apr_widget: null } as const

function sessionRouteOf(vendor: PluginVendor): string {
  return vendor === "avirato" ? STANDARD_SESSION_ROUTE : SESSION_ROUTES[vendor]
}

/** A provider enabled on the region whose entry is missing from medusa-config. */
function unconfigured(base: Pick<PaymentOption, "provider_id" | "vendor" | "method" | "label">): PaymentOption {
  return {
    ...base,
    ...WITHOUT_CREDIT_TERMS,
    available: false,
    unavailable_reason: "not_configured",
    requires_personal_id_number: base.vendor !== "avirato",
    session_route: sessionRouteOf(base.vendor),
  }
}

/** Undefined when the cart does not exist. */
export async function cartPaymentOptions(container: MedusaContainer, cartId: string): Promise<CartPaymentOptions | undefined> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "cart",
    fields: [
      "id",
      "currency_code",
      "total",
      "region_id",
      "billing_address.country_code",
      "shipping_address.country_code",
      "region.payment_providers.id",
      "region.payment_providers.is_enabled",
    ],
    filters: { id: cartId },
  })
  const cart = data[0] as CartRow | undefined
  if (!cart) return undefined
  const currency = cart.currency_code.toLowerCase()
  const facts: CartFacts = {
    currency,
    amountMinor: medusaAmountToMinor((cart.total ?? 0) as never, currency),
    country: (cart.billing_address?.country_code || cart.shipping_address?.country_code || undefined) ?? undefined,
  }

  // Instalment terms change at run time in the admin, possibly through another server: read the
  // settings from the database for every request. This is the one place this route reads them.
  const settings = await readFreshRuntimeSettings()

  const avardaEntries = configuredAvardaOptions(container)
  const standaloneEntries = configuredStandaloneOptions(container)
  const providerIds = (cart.region?.payment_providers ?? []).filter((p) => p && p.is_enabled !== false).map((p) => p!.id)

  const options = providerIds.flatMap((providerId): PaymentOption[] => {
    const method = pluginPaymentMethodOf(providerId)
    if (!method) return []
    const product = method.identifier.replace(/^avarda-standalone-|^avarda-|^avirato-/, "")
    const base = { provider_id: providerId, vendor: method.vendor, method: product, label: method.label }

    if (method.vendor === "avarda") {
      const configId = parseAvardaProviderId(providerId)?.configId
      const options = avardaEntries.find((entry) => entry.configId === configId)?.options
      if (!options) return [unconfigured(base)]
      const aprWidget = paymentWidgetEndpointsOf(options)
        ? { payment_method: APR_WIDGET_METHODS[product]!, account_class: avardaAccountClass(options, product) }
        : null
      return [creditOption(base, facts, { offered: options.products, amountLimits: options.amountLimits, terms: avardaTerms(options, product, settings) }, aprWidget)]
    }
    if (method.vendor === "avarda-standalone") {
      const configId = parseStandaloneProviderId(providerId)?.configId
      const options = standaloneEntries.find((entry) => entry.configId === configId)?.options
      if (!options) return [unconfigured(base)]
      return [creditOption(base, facts, { offered: options.products, amountLimits: options.amountLimits, terms: standaloneTerms(options, product, settings) }, null)]
    }
    if (!aviratoProvider(container, providerId)) return [unconfigured(base)]
    const supported = isAviratoCurrency(currency)
    return [
      {
        ...base,
        ...WITHOUT_CREDIT_TERMS,
        available: supported,
        unavailable_reason: supported ? null : "currency_not_supported",
        requires_personal_id_number: false,
        session_route: sessionRouteOf(base.vendor),
      },
    ]
  })

  return {
    cart_id: cart.id,
    region_id: cart.region_id ?? null,
    currency_code: currency,
    amount: minorToDecimalNumber(facts.amountMinor, currency),
    payment_options: options.sort((a, b) => displayRank(a) - displayRank(b)),
  }
}
