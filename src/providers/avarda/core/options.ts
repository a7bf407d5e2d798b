/**
 * Options of the Avarda Authorization API providers (one object shared by the four services),
 * validated with zod at boot. Every error names the option.
 */
import { z } from "zod"
import { AUTHORIZATION_PRODUCTS, PAYMENT_TERMS, type AuthorizationProduct } from "../../../lib/avarda/authorization-api/request"
import { avardaEnvironmentOption } from "../../../lib/avarda/environment"
import { reconciliationOption } from "../../../lib/avarda/reconciliation-option"
import { httpUrlOption } from "../../../lib/http/http-url"
import { isPaymentWidgetEnvironment, PAYMENT_WIDGET_ENDPOINTS, type PaymentWidgetEndpoints } from "../../../lib/avarda/payment-widget/environments"
import { readFreshRuntimeSettings, type RuntimeSettings } from "../../../lib/runtime-settings"
import { withSandboxSwitch } from "../../../lib/sandbox-switch"
import { amountLimitsOption } from "../../shared/credit-offer"

const paymentTerm = z
  .number({ error: `must be a number of months: ${PAYMENT_TERMS.join(", ")}` })
  .refine((term) => PAYMENT_TERMS.includes(term), `must be one of ${PAYMENT_TERMS.join(", ")} months`)

const accountClassCode = z.number({ error: "must be a positive whole number issued by Avarda" }).int().positive()

const termsOffered = (defaults: number[]) =>
  z.array(paymentTerm).min(1, "must offer at least one term").default(defaults)

export const avardaOptionsSchema = z
  .object({
    /** "sandbox" | "test" | "production", or an explicit base URL of the Authorization API. */
    environment: avardaEnvironmentOption(),
    clientId: z.string({ error: "is required (from Avarda onboarding)" }).min(1, "is required (from Avarda onboarding)"),
    clientSecret: z.string({ error: "is required (from Avarda onboarding)" }).min(1, "is required (from Avarda onboarding)"),
    /** Point-of-sale id sent as `posId` (≤ 10 characters). */
    posId: z.string().min(1, "must not be empty").max(10, "must be at most 10 characters").default("0"),
    /** Public URL of this Medusa server: Avarda sends shoppers back to `<backendUrl>/avarda/id-validation/return`. */
    backendUrl: httpUrlOption("the public URL of this Medusa server"),
    /** Where the return route sends the shopper after ID validation. */
    storefront: z.object(
      {
        /** Gets `?order_id=…`. */
        successUrl: httpUrlOption("the storefront's order confirmation URL"),
        /** Gets `?cart_id=…&reason=…&message=…`. */
        failureUrl: httpUrlOption("the storefront's checkout / payment step URL"),
      },
      { error: "is required: { successUrl, failureUrl }" }
    ),
    /** Products this store offers; the others refuse to create sessions. */
    products: z.array(z.enum(AUTHORIZATION_PRODUCTS as [AuthorizationProduct, ...AuthorizationProduct[]])).min(1).default([...AUTHORIZATION_PRODUCTS]),
    /** Per product: the cart totals (major units) it is offered for, e.g. `{ "part-payment": { min: 500 } }`. */
    amountLimits: amountLimitsOption(AUTHORIZATION_PRODUCTS as [AuthorizationProduct, ...AuthorizationProduct[]]),
    /**
     * Avarda's payment widget and APR widget (opt-in): the store route `GET /store/avarda/payment-widget`
     * hands the storefront a widget session. The endpoints follow `environment`; with a URL environment
     * give them explicitly.
     */
    paymentWidget: z
      .object(
        {
          enabled: z.boolean({ error: "must be true or false" }).default(false),
          checkoutApiUrl: httpUrlOption("the base URL of Avarda's checkout API").optional(),
          scriptUrl: httpUrlOption("the URL of Avarda's payment-widget script").optional(),
        },
        { error: "must be { enabled, checkoutApiUrl?, scriptUrl? }" }
      )
      .default({ enabled: false }),
    invoice: z.object({}).default({}),
    directInvoice: z.object({ accountClassCode: accountClassCode.optional() }).default({}),
    loan: z
      .object({ paymentTerms: termsOffered([36]), accountClassCode: accountClassCode.optional(), sendTermsAndConditions: z.boolean().default(false) })
      .default({ paymentTerms: [36], sendTermsAndConditions: false }),
    partPayment: z
      .object({ paymentTerms: termsOffered([12, 24, 36]), accountClassCode: accountClassCode.optional(), sendTermsAndConditions: z.boolean().default(false) })
      .default({ paymentTerms: [12, 24, 36], sendTermsAndConditions: false }),
    /** "on_shipment": capture the shipped lines when a shipment is created; "manual": only from the admin. */
    captureMode: z.enum(["on_shipment", "manual"], { error: 'must be "on_shipment" or "manual"' }).default("on_shipment"),
    emailInvoice: z.boolean().optional(),
    forcedDistributionMethod: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)], { error: "must be 1, 2, 3 or 4" }).optional(),
    timeouts: z
      .object({
        createAuthorizationMs: z.number().int().min(1000).max(120_000).default(30_000),
        requestMs: z.number().int().min(500).max(60_000).default(15_000),
      })
      .default({ createAuthorizationMs: 30_000, requestMs: 15_000 }),
    /** Reconciliation job: shoppers get `graceMinutes` to come back before it checks, up to `maxAgeHours`. */
    reconciliation: reconciliationOption(),
  })
  .superRefine((options, ctx) => {
    if (options.paymentWidget.enabled && !isPaymentWidgetEnvironment(options.environment)) {
      for (const key of ["checkoutApiUrl", "scriptUrl"] as const) {
        if (!options.paymentWidget[key]) {
          ctx.addIssue({ code: "custom", path: ["paymentWidget", key], message: "is required when the payment widget is enabled and environment is a URL" })
        }
      }
    }
    if (options.products.includes("part-payment") && options.partPayment.accountClassCode === undefined) {
      ctx.addIssue({
        code: "custom",
        path: ["partPayment", "accountClassCode"],
        message: 'is required when "part-payment" is in products (Avarda requires it for part-payment)',
      })
    }
  })

export type AvardaOptionsInput = z.input<typeof avardaOptionsSchema>
export type AvardaOptions = z.output<typeof avardaOptionsSchema>

export class AvardaOptionsError extends Error {
  constructor(readonly issues: Array<{ option: string; message: string }>) {
    super(`Invalid options for the Avarda payment providers: ${issues.map((i) => `option "${i.option}" ${i.message}`).join("; ")}`)
    this.name = "AvardaOptionsError"
  }
}

/**
 * Parses options with defaults; throws AvardaOptionsError naming every bad option. With the
 * sandbox switch on (AVARDA_AVIRATO_SANDBOX_URL) the endpoints and credentials are the sandbox's.
 */
export function parseAvardaOptions(options: unknown, env: Readonly<Record<string, string | undefined>> = process.env): AvardaOptions {
  const parsed = avardaOptionsSchema.safeParse(withSandboxSwitch("avarda", options ?? {}, env))
  if (parsed.success) return parsed.data
  throw new AvardaOptionsError(
    parsed.error.issues.map((issue) => ({ option: issue.path.join(".") || "(options)", message: issue.message }))
  )
}

/**
 * Settings a store owner may change while the shop runs (a later issue moves them to the admin).
 * Everything that needs them goes through this one function.
 */
export interface AvardaOperationalSettings {
  captureMode: "on_shipment" | "manual"
  paymentTerms: { loan: number[]; partPayment: number[] }
}

/**
 * The settings a store owner may change in the admin without a restart (Settings → "Avarda &
 * Avirato") win over the provider options; a setting never saved there falls back to the option.
 * Read from the database at the moment of the decision: another process may have saved a change a
 * moment ago.
 */
export async function operationalSettingsOf(options: AvardaOptions): Promise<AvardaOperationalSettings> {
  return operationalSettingsFrom(options, await readFreshRuntimeSettings())
}

/** The same, from settings the caller has just read fresh (one read for several decisions). */
export function operationalSettingsFrom(options: AvardaOptions, settings: RuntimeSettings): AvardaOperationalSettings {
  const runtime = settings.avarda
  return {
    captureMode: runtime.captureMode ?? options.captureMode,
    paymentTerms: {
      loan: runtime.loanTerms ?? options.loan.paymentTerms,
      partPayment: runtime.partPaymentTerms ?? options.partPayment.paymentTerms,
    },
  }
}

/** Where the payment widget's session and script come from, or undefined when the widget is off. */
export function paymentWidgetEndpointsOf(options: AvardaOptions): PaymentWidgetEndpoints | undefined {
  const widget = options.paymentWidget
  if (!widget.enabled) return undefined
  const defaults = isPaymentWidgetEnvironment(options.environment) ? PAYMENT_WIDGET_ENDPOINTS[options.environment] : undefined
  const checkoutApiUrl = widget.checkoutApiUrl ?? defaults?.checkoutApiUrl
  const scriptUrl = widget.scriptUrl ?? defaults?.scriptUrl
  return checkoutApiUrl && scriptUrl ? { checkoutApiUrl, scriptUrl } : undefined
}
