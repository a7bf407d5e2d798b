import type { ConfigModule, Logger } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import type { LoaderOptions } from "@medusajs/framework/types"
import { lockingWarnings } from "../../../lib/deployment/locking-check"

/**
 * Runs in every process that loads the plugin (server and worker): warns when the deployment is split
 * but the payment locks would stay inside each process, and when the locking provider would keep a
 * dead process's payment lock for ever.
 */
export default async function deploymentCheck({ container }: LoaderOptions): Promise<void> {
  const logger = container.resolve<Logger>(ContainerRegistrationKeys.LOGGER)
  const configModule = container.resolve<ConfigModule | undefined>(ContainerRegistrationKeys.CONFIG_MODULE, { allowUnregistered: true })
  if (!configModule) return
  for (const warning of lockingWarnings(configModule as never)) logger.warn(warning)
}
