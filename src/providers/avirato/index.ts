import { ModuleProvider, Modules } from "@medusajs/framework/utils"
import { AviratoCardService } from "./services"

export default ModuleProvider(Modules.PAYMENT, { services: [AviratoCardService] })
