/**
 * The ids of the payment providers registered with Medusa's Payment Module that `belongs` accepts,
 * enabled or not: a provider disabled in every region still has payments with work left (captures,
 * re-sends, releases), and the jobs finish that work.
 */
import type { IPaymentModuleService, MedusaContainer } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"

export async function registeredProviderIds(container: MedusaContainer, belongs: (providerId: string) => boolean): Promise<string[]> {
  const providers = await container.resolve<IPaymentModuleService>(Modules.PAYMENT).listPaymentProviders({})
  return providers.map((provider) => provider.id).filter(belongs)
}
