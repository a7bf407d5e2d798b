import type { ConfigModule, MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import type { PaymentProviderEntry } from "../../lib/plugin-settings/vendor-configuration"

/** Every provider entry of every module in the loaded medusa-config (array or keyed form). */
export function paymentProviderEntries(container: MedusaContainer): PaymentProviderEntry[] {
  const config = container.resolve<ConfigModule>(ContainerRegistrationKeys.CONFIG_MODULE)
  const modules = (config.modules ?? {}) as Record<string, unknown> | unknown[]
  const list = Array.isArray(modules) ? modules : Object.values(modules)
  return list.flatMap((module) => {
    const providers = (module as { options?: { providers?: unknown } } | undefined)?.options?.providers
    return Array.isArray(providers) ? (providers as PaymentProviderEntry[]) : []
  })
}

/** This server's public URL as configured (admin.backendUrl), else the request's origin. */
export function configuredBackendUrl(container: MedusaContainer, requestOrigin: string): string {
  const config = container.resolve<ConfigModule>(ContainerRegistrationKeys.CONFIG_MODULE)
  const configured = config.admin?.backendUrl
  return configured && configured !== "/" ? configured.replace(/\/+$/, "") : requestOrigin
}
