// A cart completion that stops where Medusa authorizes the payment session, for the tests of
// orders left without their payment.
import type { ICartModuleService, ILockingModule, IPaymentModuleService, MedusaContainer } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { completeCartWorkflow } from "@medusajs/medusa/core-flows"
import { orderIdsOfCart } from "./queries"
import { pollUntil } from "./wait-for"

export interface StoppedCompletion {
  orderId: string
  /** Its hold on the cart ends (Medusa's cart lock expires after two minutes; released here). */
  releaseCartLock(): Promise<unknown>
  /** Lets the stopped completion go on, and waits for it to end. */
  resume(): Promise<void>
}

/**
 * Runs Medusa's cart completion and stops it where it authorizes the payment session, as if its
 * process died there: the order exists, linked to the cart and its payment collection, the cart is
 * completed, and no payment records the money. Call it when the vendor has the shopper's payment.
 */
export async function completionStoppedAtAuthorization(container: MedusaContainer, cartId: string): Promise<StoppedCompletion> {
  const paymentModule = container.resolve<IPaymentModuleService>(Modules.PAYMENT)
  const authorize = paymentModule.authorizePaymentSession.bind(paymentModule)
  let goOn!: () => void
  const resumed = new Promise<void>((resolve) => (goOn = resolve))
  const authorizations = jest.spyOn(paymentModule, "authorizePaymentSession").mockImplementationOnce(async (...args) => {
    await resumed
    return authorize(...args)
  })
  const stopped = completeCartWorkflow(container).run({ input: { id: cartId } })
  await pollUntil(async () => authorizations.mock.calls.length > 0, { what: "the completion to reach the authorization" })
  const orderId = await pollUntil(async () => (await orderIdsOfCart(container, cartId))[0], { what: "the stopped completion's order" })
  await pollUntil(async () => (await container.resolve<ICartModuleService>(Modules.CART).retrieveCart(cartId)).completed_at, { what: "the cart to be completed" })
  return {
    orderId,
    releaseCartLock: () => container.resolve<ILockingModule>(Modules.LOCKING).release(cartId),
    async resume() {
      goOn()
      await stopped
    },
  }
}
