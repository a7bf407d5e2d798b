import { Module } from "@medusajs/framework/utils"
import AvardaIdValidationsService from "./service"

/** Container key of the module: `container.resolve(AVARDA_ID_VALIDATIONS_MODULE)`. */
export const AVARDA_ID_VALIDATIONS_MODULE = "avardaIdValidations"

export default Module(AVARDA_ID_VALIDATIONS_MODULE, { service: AvardaIdValidationsService })

export type { default as AvardaIdValidationsService, IdValidationAuthorizationRecord } from "./service"
