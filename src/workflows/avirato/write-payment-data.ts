import type { IPaymentModuleService, UpdatePaymentDTO } from "@medusajs/framework/types"

/**
 * Replaces a Payment's `data` without calling the provider. The module's updatePayment writes any
 * column, but its public DTO only declares `id`, hence the cast in this one place.
 */
export async function writePaymentData(
  paymentModule: IPaymentModuleService,
  paymentId: string,
  data: Record<string, unknown>
): Promise<void> {
  await paymentModule.updatePayment({ id: paymentId, data } as UpdatePaymentDTO)
}
