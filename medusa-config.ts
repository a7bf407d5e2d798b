// The plugin's own development app: used by the test runners (which disable the admin) and by
// `npm run demo` (admin enabled). Store owners do NOT copy this file: see README "Install".
//
// Everything comes from the environment with safe development defaults; the vendor endpoints
// default to the bundled sandbox (`npm run sandbox`, http://localhost:4010). `npm run demo` sets the
// plugin's public sandbox switch, AVARDA_AVIRATO_SANDBOX_URL, which points every vendor API at its
// sandbox with the sandbox's credentials whatever the options below say. The test suites set
// SANDBOX_URL instead: it moves only these defaults, so a suite can still give one vendor other
// variables (a wrong key, a rotated secret, another environment) while the rest use the sandbox.
import { defineConfig, loadEnv } from "@medusajs/framework/utils"

loadEnv(process.env.NODE_ENV || "development", process.cwd())

const env = (name: string, fallback: string): string => process.env[name] || fallback

// Payment providers of this plugin, loaded from source. Each capability adds its entry here,
// reading SANDBOX_URL (vendor endpoints, default http://localhost:4010), MEDUSA_BACKEND_URL (this
// server's public URL, for vendor redirects back to it) and STOREFRONT_URL (where shoppers land).
const paymentProviders: Array<{ resolve: string; id: string; options: Record<string, unknown> }> = []

// Avirato card payments: provider id pp_avirato-card_avirato. Defaults talk to the sandbox
// (Test layout, sandbox credentials); set AVIRATO_ENVIRONMENT=test|live and the AVIRATO_* secrets otherwise.
const aviratoEnvironment = env("AVIRATO_ENVIRONMENT", "sandbox")
paymentProviders.push({
  resolve: "./src/providers/avirato",
  id: "avirato",
  options: {
    environment: aviratoEnvironment,
    baseUrl:
      process.env.AVIRATO_BASE_URL ||
      (aviratoEnvironment === "sandbox" ? `${env("SANDBOX_URL", "http://localhost:4010")}/avirato/external/v1/test/` : undefined),
    apiKey: env("AVIRATO_API_KEY", "sandbox_test_api_key"),
    webcode: env("AVIRATO_WEBCODE", "SHOP01"),
    clientSecrets: env("AVIRATO_CLIENT_SECRETS", "sandbox_test_client_secret"),
    captureMode: env("AVIRATO_CAPTURE_MODE", "auto"),
    backendUrl: env("MEDUSA_BACKEND_URL", `http://localhost:${env("PORT", "9000")}`),
    storefrontSuccessUrl: env("AVIRATO_SUCCESS_URL", `${env("STOREFRONT_URL", "http://localhost:8000")}/checkout/success`),
    storefrontFailureUrl: env("AVIRATO_FAILURE_URL", `${env("STOREFRONT_URL", "http://localhost:8000")}/checkout/payment-failed`),
    defaultRefundReason: env("AVIRATO_DEFAULT_REFUND_REASON", "CUSTOMER REQUEST"),
    acceptUnsignedTestWebhooks: env("AVIRATO_ACCEPT_UNSIGNED_TEST_WEBHOOKS", "false") === "true",
    timeoutMs: Number(env("AVIRATO_TIMEOUT_MS", "10000")),
  },
})

// Avarda credit on the Authorization API: pp_avarda-invoice_avarda, pp_avarda-part-payment_avarda,
// pp_avarda-loan_avarda, pp_avarda-direct-invoice_avarda. Defaults talk to the sandbox with its credentials;
// set AVARDA_ENVIRONMENT=test|production (or a base URL) and AVARDA_CLIENT_ID / AVARDA_CLIENT_SECRET otherwise.
const avardaEnvironment = env("AVARDA_ENVIRONMENT", "sandbox")
paymentProviders.push({
  resolve: "./src/providers/avarda",
  id: "avarda",
  options: {
    environment:
      avardaEnvironment === "sandbox" ? `${env("SANDBOX_URL", "http://localhost:4010")}/avarda/authorization-api/` : avardaEnvironment,
    clientId: env("AVARDA_CLIENT_ID", "sandbox-avarda-client-id"),
    clientSecret: env("AVARDA_CLIENT_SECRET", "sandbox-avarda-client-secret"),
    posId: env("AVARDA_POS_ID", "0"),
    backendUrl: env("MEDUSA_BACKEND_URL", `http://localhost:${env("PORT", "9000")}`),
    storefront: {
      successUrl: env("AVARDA_SUCCESS_URL", `${env("STOREFRONT_URL", "http://localhost:8000")}/checkout/success`),
      failureUrl: env("AVARDA_FAILURE_URL", `${env("STOREFRONT_URL", "http://localhost:8000")}/checkout/payment-failed`),
    },
    partPayment: {
      paymentTerms: env("AVARDA_PART_PAYMENT_TERMS", "12,24,36").split(",").map(Number),
      accountClassCode: Number(env("AVARDA_PART_PAYMENT_ACCOUNT_CLASS_CODE", "1782")),
    },
    loan: { paymentTerms: env("AVARDA_LOAN_TERMS", "36").split(",").map(Number) },
    // Per-product cart-total limits, JSON, e.g. AVARDA_AMOUNT_LIMITS='{"loan":{"min":1000}}'.
    ...(process.env.AVARDA_AMOUNT_LIMITS ? { amountLimits: JSON.parse(process.env.AVARDA_AMOUNT_LIMITS) } : {}),
    // Avarda's payment widget and APR widget (GET /store/avarda/payment-widget); the sandbox serves its stand-in.
    paymentWidget: {
      enabled: env("AVARDA_PAYMENT_WIDGET", "true") === "true",
      ...(avardaEnvironment === "sandbox"
        ? {
            checkoutApiUrl: `${env("SANDBOX_URL", "http://localhost:4010")}/avarda/checkout-api`,
            scriptUrl: `${env("SANDBOX_URL", "http://localhost:4010")}/avarda/payment-widget/cdn/payment-widget.js`,
          }
        : {}),
    },
    captureMode: env("AVARDA_CAPTURE_MODE", "on_shipment"),
    timeouts: {
      createAuthorizationMs: Number(env("AVARDA_CREATE_TIMEOUT_MS", "30000")),
      requestMs: Number(env("AVARDA_REQUEST_TIMEOUT_MS", "15000")),
    },
    reconciliation: { graceMinutes: Number(env("AVARDA_RECONCILE_GRACE_MINUTES", "2")), maxAgeHours: 24 },
  },
})

// Avarda Standalone Credit / CheckOut2Api: pp_avarda-standalone-invoice_avarda-standalone,
// pp_avarda-standalone-direct-invoice_avarda-standalone, pp_avarda-standalone-loan_avarda-standalone,
// pp_avarda-standalone-part-payment_avarda-standalone. Defaults talk to the sandbox with its site code; set
// AVARDA_STANDALONE_ENVIRONMENT=test|production (or AVARDA_STANDALONE_BASE_URL) and the site code / password otherwise.
const avardaStandaloneEnvironment = env("AVARDA_STANDALONE_ENVIRONMENT", "sandbox")
paymentProviders.push({
  resolve: "./src/providers/avarda-standalone",
  id: "avarda-standalone",
  options: {
    environment: avardaStandaloneEnvironment,
    baseUrl:
      process.env.AVARDA_STANDALONE_BASE_URL ||
      (avardaStandaloneEnvironment === "sandbox" ? `${env("SANDBOX_URL", "http://localhost:4010")}/avarda/checkout2` : undefined),
    siteCode: env("AVARDA_STANDALONE_SITE_CODE", "SANDBOXSITE"),
    sitePassword: env("AVARDA_STANDALONE_SITE_PASSWORD", "sandbox-site-password"),
    language: env("AVARDA_STANDALONE_LANGUAGE", "auto"),
    b2b: { allowed: env("AVARDA_STANDALONE_B2B_ALLOWED", "false") === "true" },
    ...(process.env.AVARDA_STANDALONE_EMAIL_INVOICE ? { emailInvoice: process.env.AVARDA_STANDALONE_EMAIL_INVOICE === "true" } : {}),
    backendUrl: env("MEDUSA_BACKEND_URL", `http://localhost:${env("PORT", "9000")}`),
    storefront: {
      successUrl: env("AVARDA_STANDALONE_SUCCESS_URL", `${env("STOREFRONT_URL", "http://localhost:8000")}/checkout/success`),
      failureUrl: env("AVARDA_STANDALONE_FAILURE_URL", `${env("STOREFRONT_URL", "http://localhost:8000")}/checkout/payment-failed`),
    },
    loan: { paymentTerms: env("AVARDA_STANDALONE_LOAN_TERMS", "36").split(",").map(Number) },
    partPayment: { paymentTerms: env("AVARDA_STANDALONE_PART_PAYMENT_TERMS", "12,24,36").split(",").map(Number) },
    ...(process.env.AVARDA_STANDALONE_AMOUNT_LIMITS ? { amountLimits: JSON.parse(process.env.AVARDA_STANDALONE_AMOUNT_LIMITS) } : {}),
    captureMode: env("AVARDA_STANDALONE_CAPTURE_MODE", "on_shipment"),
    timeouts: {
      authorizeMs: Number(env("AVARDA_STANDALONE_AUTHORIZE_TIMEOUT_MS", "30000")),
      requestMs: Number(env("AVARDA_STANDALONE_REQUEST_TIMEOUT_MS", "15000")),
    },
    reconciliation: { graceMinutes: Number(env("AVARDA_STANDALONE_RECONCILE_GRACE_MINUTES", "2")), maxAgeHours: 24 },
  },
})

module.exports = defineConfig({
  projectConfig: {
    databaseUrl: process.env.DATABASE_URL,
    http: {
      storeCors: env("STORE_CORS", "http://localhost:8000"),
      adminCors: env("ADMIN_CORS", "http://localhost:9000,http://localhost:5173"),
      authCors: env("AUTH_CORS", "http://localhost:8000,http://localhost:9000,http://localhost:5173"),
      jwtSecret: env("JWT_SECRET", "dev-only-jwt-secret-change-me"),
      cookieSecret: env("COOKIE_SECRET", "dev-only-cookie-secret-change-me"),
    },
  },
  admin: {
    disable: process.env.MEDUSA_ADMIN_DISABLED === "true",
    backendUrl: env("MEDUSA_BACKEND_URL", `http://localhost:${env("PORT", "9000")}`),
  },
  modules: [
    {
      resolve: "@medusajs/medusa/payment",
      options: {
        // The core webhook route queues events with this delay; 0 would mean 5000 (`||`), so tests use 1.
        webhook_delay: Number(env("PAYMENT_WEBHOOK_DELAY_MS", "5000")),
        webhook_retries: 3,
        providers: paymentProviders,
      },
    },
    // Avarda My Pages: options come from AVARDA_MY_PAGES_* / AVARDA_* env, defaulting to the sandbox.
    { resolve: "./src/modules/avarda-my-pages", options: {} },
    // Operational settings edited in the admin ("Avarda & Avirato" settings page). No options.
    { resolve: "./src/modules/plugin-settings" },
    // Avirato payments on discarded checkouts that were voided/refunded, so each is given back once. No options.
    { resolve: "./src/modules/avirato-settlements" },
    // Avarda authorizations that began with ID validation, followed until an order used them or they were released. No options.
    { resolve: "./src/modules/avarda-id-validations" },
  ],
})
