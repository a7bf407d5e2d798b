// The plugin's route configuration. Each capability keeps its own list next to its routes and
// spreads it in here.
import { defineMiddlewares } from "@medusajs/framework/http"
import { avardaMyPagesMiddlewares } from "./avarda-my-pages/middlewares"
import { pluginSettingsMiddlewares } from "./plugin-settings/middlewares"
import { aviratoMiddlewares } from "./avirato/middlewares"
import { avardaMiddlewares } from "./avarda/middlewares"
import { avardaStandaloneMiddlewares } from "./avarda-standalone/middlewares"

export default defineMiddlewares({
  routes: [...avardaMyPagesMiddlewares, ...pluginSettingsMiddlewares, ...aviratoMiddlewares, ...avardaMiddlewares, ...avardaStandaloneMiddlewares],
})
