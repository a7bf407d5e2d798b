// The plugin's route configuration. Each capability keeps its own list next to its routes and
// spreads it in here; the input checks of every route come first.
import { defineMiddlewares } from "@medusajs/framework/http"
import { avardaMyPagesMiddlewares } from "./avarda-my-pages/middlewares"
import { aviratoMiddlewares } from "./avirato/middlewares"
import { avardaMiddlewares } from "./avarda/middlewares"
import { avardaStandaloneMiddlewares } from "./avarda-standalone/middlewares"
import { requestValidationMiddlewares } from "./request-validation/middlewares"

export default defineMiddlewares({
  routes: [
    ...requestValidationMiddlewares,
    ...avardaMyPagesMiddlewares,
    ...aviratoMiddlewares,
    ...avardaMiddlewares,
    ...avardaStandaloneMiddlewares,
  ],
})
