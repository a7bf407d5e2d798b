// The plugin's route configuration. Each capability keeps its own list next to its routes and
// spreads it in here. Medusa runs the middlewares of one path in this order: the input checks of
// every route come first, then the payment lock held during an admin refund, then the vendors', and
// last the admin refund of a cancelled order's payment, which answers instead of Medusa's route.
import { defineMiddlewares } from "@medusajs/framework/http"
import { adminCanceledOrderRefundMiddlewares, adminPaymentMiddlewares } from "./admin-payments/middlewares"
import { avardaMyPagesMiddlewares } from "./avarda-my-pages/middlewares"
import { aviratoMiddlewares } from "./avirato/middlewares"
import { avardaMiddlewares } from "./avarda/middlewares"
import { avardaStandaloneMiddlewares } from "./avarda-standalone/middlewares"
import { requestValidationMiddlewares } from "./request-validation/middlewares"

export default defineMiddlewares({
  routes: [
    ...requestValidationMiddlewares,
    ...adminPaymentMiddlewares,
    ...avardaMyPagesMiddlewares,
    ...aviratoMiddlewares,
    ...avardaMiddlewares,
    ...avardaStandaloneMiddlewares,
    ...adminCanceledOrderRefundMiddlewares,
  ],
})
