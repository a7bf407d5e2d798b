import type { IPaymentModuleService, UpdatePaymentDTO } from "@medusajs/framework/types"

/**
 * Replaces a Payment's `data` (database only, no provider call). The module's `updatePayment`
 * passes every field through although its DTO type lists only `id` (2.21).
 */
export async function writePaymentData(paymentModule: IPaymentModuleService, paymentId: string, data: Record<string, unknown>): Promise<void> {
  await paymentModule.updatePayment({ id: paymentId, data } as UpdatePaymentDTO)
}
