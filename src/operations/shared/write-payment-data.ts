import type { IPaymentModuleService, UpdatePaymentDTO } from "@medusajs/framework/types"

/**
 * Writes a Payment's `data` (database only, no provider call). Medusa deep-merges JSON columns on
 * update: a key left out keeps its old value, so write null to clear a key. The module's
 * `updatePayment` passes every field through although its DTO type lists only `id` (2.21), hence
 * the cast in this one place.
 */
export async function writePaymentData(paymentModule: IPaymentModuleService, paymentId: string, data: Record<string, unknown>): Promise<void> {
  await paymentModule.updatePayment({ id: paymentId, data } as UpdatePaymentDTO)
}
