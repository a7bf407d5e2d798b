import { Module } from "@medusajs/framework/utils"
import deploymentCheck from "./loaders/deployment-check"
import PluginSettingsModuleService from "./service"

/** Container key of the module: `req.scope.resolve(PLUGIN_SETTINGS_MODULE)`. */
export const PLUGIN_SETTINGS_MODULE = "avardaAviratoSettings"

export default Module(PLUGIN_SETTINGS_MODULE, { service: PluginSettingsModuleService, loaders: [deploymentCheck] })

export type { default as PluginSettingsModuleService } from "./service"
