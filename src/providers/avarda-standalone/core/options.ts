/**
 * Options of the Avarda Standalone Credit providers (one object shared by the four services),
 * validated with zod at boot. Every error names the option.
 */
import { z } from "zod"
import { STANDALONE_ENVIRONMENTS, standaloneBaseUrl } from "../../../lib/avarda/standalone/environments"
import { STANDALONE_LANGUAGES } from "../../../lib/avarda/standalone/languages"
import { STANDALONE_PRODUCTS, type StandaloneProduct } from "../../../lib/avarda/standalone/request"
import { avardaEnvironmentOption } from "../../../lib/avarda/environment"
import { reconciliationOption } from "../../../lib/avarda/reconciliation-option"
import { httpUrlOption } from "../../../lib/http/http-url"
import { readFreshRuntimeSettings, type RuntimeSettings } from "../../../lib/runtime-settings"
import { withSandboxSwitch } from "../../../lib/sandbox-switch"
import { amountLimitsOption } from "../../shared/credit-offer"

const required = (what: string) => z.string({ error: `is required (${what})` }).min(1, `is required (${what})`)

const months = z
  .array(z.number({ error: "must be a whole number of months" }).int("must be a whole number of months").positive("must be a positive number of months"), {
    error: "must be a list of months, e.g. [12, 24, 36]",
  })
  .min(1, "must offer at least one term")

export const standaloneOptionsSchema = z
  .object({
    /** "sandbox" | "test" | "production", or the CheckOut2 base URL. `baseUrl` wins when both are set. */
    environment: avardaEnvironmentOption().optional(),
    /** Explicit CheckOut2 base URL, e.g. https://stage.avarda.org/CheckOut2. */
    baseUrl: httpUrlOption("the CheckOut2 base URL").optional(),
    /** HTTP Basic user: the Site Code from Avarda. */
    siteCode: required("the Site Code from Avarda"),
    /** HTTP Basic password: the Site Password from Avarda. */
    sitePassword: required("the Site Password from Avarda"),
    /** `UserLanguageCode`: "auto" = the invoicing country's language where the product offers it, else en-US. */
    language: z.enum(["auto", ...STANDALONE_LANGUAGES], { error: `must be "auto" or one of ${STANDALONE_LANGUAGES.join(", ")}` }).default("auto"),
    /** Company purchases: `IsB2B` + `CompanyName` from the cart's billing company. Avarda must enable B2B for the site too. */
    b2b: z.object({ allowed: z.boolean({ error: "must be true or false" }).default(false) }, { error: "must be { allowed: boolean }" }).default({ allowed: false }),
    /** `Emailinvoice`: true → 1 (invoice by e-mail), false → 0, unset → not sent (Avarda's default). */
    emailInvoice: z.boolean({ error: "must be true or false" }).optional(),
    /** Public URL of this Medusa server: the electronic ID sends shoppers back to `<backendUrl>/avarda-standalone/electronic-id/return`. */
    backendUrl: httpUrlOption("the public URL of this Medusa server"),
    /** Where the return route sends the shopper after the electronic ID. */
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
    products: z
      .array(z.enum(STANDALONE_PRODUCTS as [StandaloneProduct, ...StandaloneProduct[]], { error: `must list products of ${STANDALONE_PRODUCTS.join(", ")}` }))
      .min(1, "must offer at least one product")
      .default([...STANDALONE_PRODUCTS]),
    /** Per product: the cart totals (major units) it is offered for, e.g. `{ loan: { min: 1000, max: 50000 } }`. */
    amountLimits: amountLimitsOption(STANDALONE_PRODUCTS as [StandaloneProduct, ...StandaloneProduct[]]),
    loan: z.object({ paymentTerms: months.default([36]) }).default({ paymentTerms: [36] }),
    partPayment: z.object({ paymentTerms: months.default([12, 24, 36]) }).default({ paymentTerms: [12, 24, 36] }),
    /** "on_shipment": PurchaseOrder with the shipped rows when a shipment is created; "manual": only from the admin. */
    captureMode: z.enum(["on_shipment", "manual"], { error: 'must be "on_shipment" or "manual"' }).default("on_shipment"),
    timeouts: z
      .object({
        authorizeMs: z.number({ error: "must be milliseconds" }).int().min(1000, "must be at least 1000").max(120_000, "must be at most 120000").default(30_000),
        requestMs: z.number({ error: "must be milliseconds" }).int().min(500, "must be at least 500").max(60_000, "must be at most 60000").default(15_000),
      })
      .default({ authorizeMs: 30_000, requestMs: 15_000 }),
    /** Reconciliation job: shoppers get `graceMinutes` to come back from the electronic ID before it checks, up to `maxAgeHours`. */
    reconciliation: reconciliationOption(),
  })
  .superRefine((options, ctx) => {
    if (!options.environment && !options.baseUrl) {
      ctx.addIssue({ code: "custom", path: ["environment"], message: `is required (${STANDALONE_ENVIRONMENTS.join(", ")} or a base URL) unless baseUrl is set` })
    }
  })

export type StandaloneOptionsInput = z.input<typeof standaloneOptionsSchema>
export type StandaloneOptions = z.output<typeof standaloneOptionsSchema>

export class StandaloneOptionsError extends Error {
  constructor(readonly issues: Array<{ option: string; message: string }>) {
    super(`Invalid options for the Avarda Standalone Credit payment providers: ${issues.map((i) => `option "${i.option}" ${i.message}`).join("; ")}`)
    this.name = "StandaloneOptionsError"
  }
}

/**
 * Parses options with defaults; throws StandaloneOptionsError naming every bad option. With the
 * sandbox switch on (AVARDA_AVIRATO_SANDBOX_URL) the endpoint and credentials are the sandbox's.
 */
export function parseStandaloneOptions(options: unknown, env: Readonly<Record<string, string | undefined>> = process.env): StandaloneOptions {
  const parsed = standaloneOptionsSchema.safeParse(withSandboxSwitch("avarda-standalone", options ?? {}, env))
  if (parsed.success) return parsed.data
  throw new StandaloneOptionsError(parsed.error.issues.map((issue) => ({ option: issue.path.join(".") || "(options)", message: issue.message })))
}

/** The CheckOut2 base URL the options point at. */
export function standaloneBaseUrlOf(options: StandaloneOptions): string {
  return standaloneBaseUrl(options.baseUrl ?? options.environment!)
}

/**
 * Settings a store owner may change while the shop runs: the admin's value as stored at this moment
 * (another process may have saved it), else the option.
 */
export async function standaloneCaptureMode(options: StandaloneOptions): Promise<"on_shipment" | "manual"> {
  return (await readFreshRuntimeSettings()).avardaStandalone.captureMode ?? options.captureMode
}

/** Instalment terms offered now: the admin's choice (Settings → "Avarda & Avirato") as stored now, else the option. */
export async function standaloneOfferedTerms(options: StandaloneOptions, product: "loan" | "part-payment"): Promise<number[]> {
  return standaloneTermsFrom(options, product, await readFreshRuntimeSettings())
}

/** The same, from settings the caller has just read fresh (one read for several decisions). */
export function standaloneTermsFrom(options: StandaloneOptions, product: "loan" | "part-payment", settings: RuntimeSettings): number[] {
  const runtime = settings.avardaStandalone
  return product === "loan"
    ? (runtime.loanTerms ?? options.loan.paymentTerms)
    : (runtime.partPaymentTerms ?? options.partPayment.paymentTerms)
}
