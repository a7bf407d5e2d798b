// docs:start medusa-config
import { defineConfig, loadEnv } from "@medusajs/framework/utils"
loadEnv(process.env.NODE_ENV || "development", process.cwd())

const backendUrl = process.env.MEDUSA_BACKEND_URL!         // public URL of the server(s), behind the load balancer
const storefront = process.env.STOREFRONT_URL!              // e.g. https://shop.example.com
const redisUrl = process.env.REDIS_URL!                     // one Redis for every process of the store

module.exports = defineConfig({
  // docs:start deployment
  projectConfig: {
    databaseUrl: process.env.DATABASE_URL,                  // one database for every process
    redisUrl,
    // "server": HTTP routes only; "worker": subscribers, scheduled jobs, queued workflow steps; "shared": both
    workerMode: (process.env.MEDUSA_WORKER_MODE ?? "shared") as "shared" | "worker" | "server",
    http: {
      storeCors: process.env.STORE_CORS!,
      adminCors: process.env.ADMIN_CORS!,
      authCors: process.env.AUTH_CORS!,
      jwtSecret: process.env.JWT_SECRET!,
      cookieSecret: process.env.COOKIE_SECRET!,
    },
  },
  admin: { disable: process.env.DISABLE_MEDUSA_ADMIN === "true", backendUrl },
  // docs:end deployment
  plugins: [
    {
      resolve: "medusa-plugin-avarda-avirato",
      options: { myPages: { customerTokenSecret: process.env.AVARDA_MY_PAGES_CUSTOMER_TOKEN_SECRET } },
    },
  ],
  modules: [
    {
      resolve: "@medusajs/medusa/payment",
      options: {
        providers: [
          {
            resolve: "medusa-plugin-avarda-avirato/providers/avarda",
            id: "avarda",
            options: {
              environment: process.env.AVARDA_ENVIRONMENT ?? "test",   // "test" = Avarda stage, "production", or a base URL
              clientId: process.env.AVARDA_CLIENT_ID,
              clientSecret: process.env.AVARDA_CLIENT_SECRET,
              backendUrl,
              storefront: { successUrl: `${storefront}/order/confirmed`, failureUrl: `${storefront}/checkout?step=payment` },
              partPayment: { paymentTerms: [12, 24, 36], accountClassCode: Number(process.env.AVARDA_PART_PAYMENT_ACCOUNT_CLASS) },
            },
          },
          {
            resolve: "medusa-plugin-avarda-avirato/providers/avarda-standalone",
            id: "avarda-standalone",
            options: {
              environment: process.env.AVARDA_STANDALONE_ENVIRONMENT ?? "test",   // "test", "production", or a base URL
              siteCode: process.env.AVARDA_SITE_CODE,
              sitePassword: process.env.AVARDA_SITE_PASSWORD,
              backendUrl,
              storefront: { successUrl: `${storefront}/order/confirmed`, failureUrl: `${storefront}/checkout?step=payment` },
            },
          },
          {
            resolve: "medusa-plugin-avarda-avirato/providers/avirato",
            id: "avirato",
            options: {
              environment: process.env.AVIRATO_ENVIRONMENT ?? "test",
              baseUrl: process.env.AVIRATO_BASE_URL || undefined,     // only to point at another host (e.g. the sandbox)
              apiKey: process.env.AVIRATO_API_KEY,
              webcode: process.env.AVIRATO_WEBCODE,
              clientSecrets: process.env.AVIRATO_CLIENT_SECRETS,   // "current,previous" while rotating
              captureMode: "preauth",
              backendUrl,
              storefrontSuccessUrl: `${storefront}/order/confirmed`,
              storefrontFailureUrl: `${storefront}/checkout?step=payment`,
            },
          },
        ],
      },
    },
    // docs:start redis-modules
    // Events (order.placed, shipment.created, payment webhooks) reach the worker through Redis queues.
    { resolve: "@medusajs/medusa/event-bus-redis", options: { redisUrl } },
    // Workflow executions, their retries and async steps are shared by every process.
    { resolve: "@medusajs/medusa/workflow-engine-redis", options: { redis: { redisUrl } } },
    // Locks taken on one process hold on all of them (payment captures, webhook bookings, cart completion).
    {
      resolve: "@medusajs/medusa/locking",
      options: {
        providers: [{ resolve: "@medusajs/medusa/locking-redis", id: "locking-redis", is_default: true, options: { redisUrl } }],
      },
    },
    // Query results cached once for the whole deployment, invalidated everywhere at once.
    {
      resolve: "@medusajs/medusa/caching",
      options: {
        providers: [{ resolve: "@medusajs/medusa/caching-redis", id: "caching-redis", is_default: true, options: { redisUrl } }],
      },
    },
    // docs:end redis-modules
  ],
  featureFlags: { caching: true },
})
// docs:end medusa-config
