import { Module } from "@medusajs/framework/utils"
import AvardaMyPagesService from "./service"

/** Container key of the module: `req.scope.resolve(AVARDA_MY_PAGES_MODULE)`. */
export const AVARDA_MY_PAGES_MODULE = "avardaMyPages"

export default Module(AVARDA_MY_PAGES_MODULE, { service: AvardaMyPagesService })

export type { AvardaMyPagesModuleOptions } from "./options"
export type { default as AvardaMyPagesService } from "./service"
