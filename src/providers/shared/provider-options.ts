import { MedusaError } from "@medusajs/framework/utils"

/** A provider's `validateOptions`: the schema's message, as the INVALID_DATA error Medusa reports at boot. */
export function validateProviderOptions(parse: (options: Record<string, unknown>) => unknown, options: Record<string, unknown>): void {
  try {
    parse(options)
  } catch (error) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, (error as Error).message)
  }
}
