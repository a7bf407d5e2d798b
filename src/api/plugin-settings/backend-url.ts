import type { ConfigModule, MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"

/** This server's public URL as configured (admin.backendUrl), else the request's origin. */
export function configuredBackendUrl(container: MedusaContainer, requestOrigin: string): string {
  const config = container.resolve<ConfigModule>(ContainerRegistrationKeys.CONFIG_MODULE)
  const configured = config.admin?.backendUrl
  return configured && configured !== "/" ? configured.replace(/\/+$/, "") : requestOrigin
}
