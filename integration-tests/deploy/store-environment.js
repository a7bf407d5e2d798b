// The environment of every process of the deploy tier's store: exactly what README tells a store
// owner to set to try the plugin against the sandbox — the store's own variables of the install
// section's list, and for the vendors only the sandbox switch (README "Use the sandbox with your own
// store"), no AVARDA_* / AVIRATO_* credential. The tier runs the build with NODE_ENV=production, so
// it also sets the switch's documented production allowance. A unit test keeps this list and README
// in agreement. CommonJS (no dependencies) so that test loads it directly.
"use strict"

/** The vendor variables the tier sets: the switch, and its allowance under NODE_ENV=production. */
const SANDBOX_SWITCH_VARIABLES = ["AVARDA_AVIRATO_SANDBOX_URL", "AVARDA_AVIRATO_SANDBOX_ALLOW_PRODUCTION"]

/** Variables of the caller's shell that never reach the store: vendor settings, another app's config. */
const NOT_INHERITED = /^(AVARDA|AVIRATO|MEDUSA_|SANDBOX_|DATABASE_URL|REDIS_URL|NODE_OPTIONS|TEST_TYPE|STOREFRONT_URL|STORE_CORS|ADMIN_CORS|AUTH_CORS|JWT_SECRET|COOKIE_SECRET|DISABLE_MEDUSA_ADMIN)/

/** The store's variables (without the inherited shell), pointed at the sandbox at `sandboxOrigin`. */
function storeVariables({ databaseUrl, redisUrl, backendUrl, sandboxOrigin }) {
  const storefront = "http://localhost:8000"
  return {
    NODE_ENV: "production",
    DATABASE_URL: databaseUrl,
    REDIS_URL: redisUrl,
    DISABLE_MEDUSA_ADMIN: "true",
    MEDUSA_BACKEND_URL: backendUrl,
    STOREFRONT_URL: storefront,
    STORE_CORS: storefront,
    ADMIN_CORS: backendUrl,
    AUTH_CORS: `${backendUrl},${storefront}`,
    JWT_SECRET: "deploy-tier-jwt-secret-0123456789",
    COOKIE_SECRET: "deploy-tier-cookie-secret-0123456789",
    // Every vendor of the plugin at the sandbox, with its credentials: README's one switch.
    AVARDA_AVIRATO_SANDBOX_URL: sandboxOrigin,
    // README: the switch is refused with NODE_ENV=production unless this says the build is a trial.
    AVARDA_AVIRATO_SANDBOX_ALLOW_PRODUCTION: "true",
  }
}

/** What every process of the store runs with: the caller's shell minus NOT_INHERITED, plus storeVariables. */
function storeEnvironment(options, shell = process.env) {
  const inherited = Object.fromEntries(Object.entries(shell).filter(([key]) => !NOT_INHERITED.test(key)))
  return { ...inherited, LOG_LEVEL: "info", MEDUSA_DISABLE_TELEMETRY: "true", ...storeVariables(options) }
}

module.exports = { SANDBOX_SWITCH_VARIABLES, storeVariables, storeEnvironment }
