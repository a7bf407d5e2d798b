// The plugin's own development app: used by the test runners (which disable the admin) and by
// `npm run demo` (admin enabled). Store owners do NOT copy this file: see README "Install".
//
// Everything comes from the environment with safe development defaults; the vendor endpoints
// default to the bundled sandbox (`npm run sandbox`, http://localhost:4010).
import { defineConfig, loadEnv } from "@medusajs/framework/utils"

loadEnv(process.env.NODE_ENV || "development", process.cwd())

const env = (name: string, fallback: string): string => process.env[name] || fallback

// Payment providers of this plugin, loaded from source. Each capability adds its entry here,
// reading SANDBOX_URL (vendor endpoints, default http://localhost:4010), MEDUSA_BACKEND_URL (this
// server's public URL, for vendor redirects back to it) and STOREFRONT_URL (where shoppers land).
const paymentProviders: Array<{ resolve: string; id: string; options: Record<string, unknown> }> = []

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
  ],
})
