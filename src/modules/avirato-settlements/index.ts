import { Module } from "@medusajs/framework/utils"
import AviratoSettlementsService from "./service"

/** Container key of the module: `container.resolve(AVIRATO_SETTLEMENTS_MODULE)`. */
export const AVIRATO_SETTLEMENTS_MODULE = "aviratoSettlements"

export default Module(AVIRATO_SETTLEMENTS_MODULE, { service: AviratoSettlementsService })

export type { default as AviratoSettlementsService, DiscardedPaymentSettlementRecord } from "./service"
