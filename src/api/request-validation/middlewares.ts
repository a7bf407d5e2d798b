/**
 * Input checks of every plugin route, spread FIRST into src/api/middlewares.ts so they run before
 * the routes' other middlewares and handlers: ids by pattern, queries and bodies by schema, all
 * answered with one 400 shape (invalid-data.ts). Routes that read their input in a special way
 * check it themselves with the same helpers and say so here:
 * - the three return routes (`/avarda/id-validation/return`, `/avarda-standalone/electronic-id/return`,
 *   `/avirato/return`) read vendor-appended query parameters tolerantly;
 * - `POST /store/avarda/payment-sessions`, `POST /store/avarda-standalone/payment-sessions`,
 *   `GET /store/avarda/payment-options`, the body of `POST /store/customers/me/avarda/accounts/:id/pay`
 *   and `POST /admin/plugin-settings` validate their bodies or queries with their own schemas.
 */
import type { MiddlewareRoute } from "@medusajs/framework/http"
import { z } from "zod"
import { connectionCheckBodySchema } from "../plugin-settings/validators"
import { validateAdminCapture } from "../admin-payments/validate-capture"
import { refundReasonId, validateAdminRefund } from "../admin-payments/validate-refund"
import { customerId, orderId, paymentId, storefrontUrl, vendorId } from "./ids"
import { validateRequest } from "./invalid-data"

const accountId = vendorId("an Avarda invoice or account id")
const purchaseId = vendorId("an Avarda purchase id")
/** The id of a capture needing attention (its kind, then the shipment's or the plan's id). */
const captureAttentionId = z.string().regex(/^[a-z][a-z-]*-[A-Za-z0-9_-]{1,120}$/, "must be the id of a capture needing attention, as the order panel lists it")
const returnUrlQuery = z.object({ return_url: storefrontUrl.optional() })

export const requestValidationMiddlewares: MiddlewareRoute[] = [
  // Medusa's own payment routes the plugin hooks into (its planners read these before Medusa does).
  { matcher: "/admin/payments/:id/capture", method: ["POST"], middlewares: [validateAdminCapture] },
  { matcher: "/admin/payments/:id/refund", method: ["POST"], middlewares: [validateAdminRefund] },
  // Cancelling an order may name the reason of the refunds it makes (Avirato payments).
  {
    matcher: "/admin/orders/:id/cancel",
    method: ["POST"],
    middlewares: [validateRequest({ params: z.object({ id: orderId }), body: z.object({ refund_reason_id: refundReasonId.optional().nullable() }) })],
  },
  // Admin routes of the plugin.
  { matcher: "/admin/avarda-avirato/orders/:id/payments", method: ["GET"], middlewares: [validateRequest({ params: z.object({ id: orderId }) })] },
  { matcher: "/admin/avarda/customers/:id/accounts", method: ["GET"], middlewares: [validateRequest({ params: z.object({ id: customerId }) })] },
  {
    matcher: "/admin/avarda/customers/:id/accounts/:account_id",
    method: ["GET"],
    middlewares: [validateRequest({ params: z.object({ id: customerId, account_id: accountId }) })],
  },
  { matcher: "/admin/avirato/payments/:id/extend", method: ["POST"], middlewares: [validateRequest({ params: z.object({ id: paymentId }) })] },
  {
    matcher: "/admin/avarda-avirato/payments/:id/capture-attention/:attention_id/resolve",
    method: ["POST"],
    middlewares: [validateRequest({ params: z.object({ id: paymentId, attention_id: captureAttentionId }) })],
  },
  { matcher: "/admin/avarda-avirato/payments/:id/release-remainder", method: ["POST"], middlewares: [validateRequest({ params: z.object({ id: paymentId }) })] },
  { matcher: "/admin/plugin-settings/connection-check", method: ["POST"], middlewares: [validateRequest({ body: connectionCheckBodySchema })] },
  // Store routes.
  {
    matcher: "/store/avarda/payment-widget",
    method: ["GET"],
    middlewares: [
      validateRequest({
        query: z.object({ provider_id: z.string().regex(/^pp_[A-Za-z0-9_-]{1,100}$/, "must be an Avarda provider id such as pp_avarda-part-payment_avarda").optional() }),
      }),
    ],
  },
  // My Pages (store).
  { matcher: "/store/customers/me/avarda/accounts", method: ["GET"], middlewares: [validateRequest({ query: returnUrlQuery })] },
  { matcher: "/store/customers/me/avarda/strong-authentication", method: ["GET"], middlewares: [validateRequest({ query: returnUrlQuery })] },
  { matcher: "/store/customers/me/avarda/strong-authentication", method: ["POST"], middlewares: [validateRequest({ body: returnUrlQuery.strict() })] },
  {
    matcher: "/store/customers/me/avarda/accounts/:id",
    method: ["GET"],
    middlewares: [validateRequest({ params: z.object({ id: accountId }), query: returnUrlQuery })],
  },
  { matcher: "/store/customers/me/avarda/accounts/:id/pay", method: ["POST"], middlewares: [validateRequest({ params: z.object({ id: accountId }) })] },
  {
    matcher: "/store/customers/me/avarda/accounts/:id/payments/:purchase_id",
    method: ["GET"],
    middlewares: [validateRequest({ params: z.object({ id: accountId, purchase_id: purchaseId }) })],
  },
]
