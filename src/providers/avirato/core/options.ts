import { MedusaError } from "@medusajs/framework/utils"
import { z } from "zod"
import { readFreshRuntimeSettings } from "../../../lib/runtime-settings"
import { withSandboxSwitch } from "../../../lib/sandbox-switch"
import {
  AVIRATO_ENVIRONMENTS,
  AVIRATO_REFUND_REASONS,
  defaultBaseUrl,
  isTestLayout,
  normalizeBaseUrl,
  type AviratoCaptureMode,
  type AviratoEnvironment,
  type AviratoRefundReason,
} from "../../../lib/avirato"

const httpUrl = (what: string) =>
  z.url({ protocol: /^https?$/, error: `must be an http(s) URL (${what})` })

/** A list, or one comma-separated string as read from an environment variable (the parameter type is the option's input type). */
const secretList = z.preprocess(
  (value: string | string[]) => (typeof value === "string" ? value.split(",").map((s) => s.trim()).filter(Boolean) : value),
  z
    .array(z.string().min(8, "each client secret must have at least 8 characters"), "must be a list of client secrets")
    .min(1, "at least one client secret is required (the current one first, then previous ones during a rotation)")
)

export const aviratoOptionsSchema = z
  .object({
    /** Which Avirato environment: the local sandbox, Avirato Test or Live. */
    environment: z.enum(AVIRATO_ENVIRONMENTS, `must be one of ${AVIRATO_ENVIRONMENTS.join(", ")}`).default("sandbox"),
    /** Overrides the environment's base URL (e.g. the sandbox on another port). */
    baseUrl: httpUrl("e.g. https://aviratopayments.com/external/v1/test/").optional(),
    apiKey: z.string("is required").min(1, "is required"),
    webcode: z.string("is required").min(1, "is required"),
    clientSecrets: secretList,
    captureMode: z.enum(["auto", "preauth"], "must be auto or preauth").default("auto"),
    /** Public URL of this Medusa server: Avirato sends shoppers back to `${backendUrl}/avirato/return`. */
    backendUrl: httpUrl("the public URL of this Medusa server"),
    storefrontSuccessUrl: httpUrl("the storefront's order confirmation page"),
    storefrontFailureUrl: httpUrl("the storefront's payment failure page"),
    countryCode: z.string().regex(/^[A-Z]{2}$/, "must be an ISO 3166-1 alpha-2 code such as ES").default("ES"),
    shopperLocale: z.string().regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/, "must be a BCP-47 tag such as es-ES").max(10, "must be at most 10 characters").default("es-ES"),
    defaultRefundReason: z.enum(AVIRATO_REFUND_REASONS, `must be one of ${AVIRATO_REFUND_REASONS.join(", ")}`).default("CUSTOMER REQUEST"),
    acceptUnsignedTestWebhooks: z.boolean("must be true or false").default(false),
    /** Capture a pre-authorisation automatically once every item of the order has shipped. */
    captureOnShipment: z.boolean("must be true or false").default(true),
    timeoutMs: z.number().int().min(100, "must be at least 100").max(120_000, "must be at most 120000").default(10_000),
    maxAttempts: z.number().int().min(1, "must be at least 1").max(5, "must be at most 5").default(3),
    /** Shown on the hosted page; `{display_id}` is not known at session time, so it stays generic. */
    paymentDescription: z.string().max(255, "must be at most 255 characters").optional(),
  })
  .superRefine((options, ctx) => {
    const baseUrl = options.baseUrl ?? defaultBaseUrl(options.environment)
    const testLayout = isTestLayout(baseUrl)
    if (options.environment === "live" && testLayout) {
      ctx.addIssue({ code: "custom", path: ["baseUrl"], message: "points at the Test layout (/v1/test/) but environment is live" })
    }
    if (options.environment !== "live" && !testLayout) {
      ctx.addIssue({ code: "custom", path: ["baseUrl"], message: `must use the Test layout (/v1/test/) for environment ${options.environment}` })
    }
    if (options.acceptUnsignedTestWebhooks && (options.environment === "live" || !testLayout)) {
      ctx.addIssue({
        code: "custom",
        path: ["acceptUnsignedTestWebhooks"],
        message: "is only allowed with the test or sandbox environment; live webhooks must be signed",
      })
    }
  })

export type AviratoOptionsInput = z.input<typeof aviratoOptionsSchema>

export interface AviratoOptions extends Omit<z.output<typeof aviratoOptionsSchema>, "baseUrl"> {
  environment: AviratoEnvironment
  baseUrl: string
  captureMode: AviratoCaptureMode
  defaultRefundReason: AviratoRefundReason
}

/**
 * Validates provider options; the error names every bad option and its rule (never its value).
 * With the sandbox switch on (AVARDA_AVIRATO_SANDBOX_URL) the endpoint and credentials are the sandbox's.
 */
export function parseAviratoOptions(raw: unknown, env: Readonly<Record<string, string | undefined>> = process.env): AviratoOptions {
  const parsed = aviratoOptionsSchema.safeParse(withSandboxSwitch("avirato", raw ?? {}, env))
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `\`${issue.path.join(".") || "options"}\` ${issue.message}`)
    throw new MedusaError(MedusaError.Types.INVALID_DATA, `Invalid Avirato provider options: ${problems.join("; ")}`)
  }
  const options = parsed.data
  return {
    ...options,
    baseUrl: normalizeBaseUrl(options.baseUrl ?? defaultBaseUrl(options.environment)),
    backendUrl: options.backendUrl.replace(/\/+$/, ""),
  }
}

/** Options the store owner may change while the server runs (a later issue stores them in the admin). */
export interface AviratoOperationalSettings {
  captureMode: AviratoCaptureMode
  defaultRefundReason: AviratoRefundReason
  captureOnShipment: boolean
}

/**
 * The single seam for operational settings: the provider (operationalSettings()) and app code (capture
 * on shipment) both read them here, from the database at the moment of the decision (another process
 * may have saved a change a moment ago).
 */
export async function resolveOperationalSettings(options: AviratoOptions): Promise<AviratoOperationalSettings> {
  // Values saved in the admin (Settings → "Avarda & Avirato") win; unsaved ones fall back to the options.
  const runtime = (await readFreshRuntimeSettings()).avirato
  return {
    captureMode: runtime.captureMode ?? options.captureMode,
    defaultRefundReason: runtime.defaultRefundReason ?? options.defaultRefundReason,
    captureOnShipment: runtime.captureOnShipment ?? options.captureOnShipment,
  }
}
