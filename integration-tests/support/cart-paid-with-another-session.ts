// A cart whose payment collection kept a second session, completed with that second one: Medusa's
// store flow deletes a cart's session when another is created, so the state is built directly. A
// session of Medusa's system provider joins the collection, the plugin's session is taken out of
// the completion's way (a status Medusa's completion does not process) and put back afterwards.
import type { IPaymentModuleService, MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import type { AxiosInstance } from "axios"
import type { Knex } from "knex"
import { completeCart, type PreparedCart } from "./checkout"

/** Completes `cart` with a new system-provider session beside `session`; answers that session's id. */
export async function completeCartWithAnotherSession(
  container: MedusaContainer,
  api: AxiosInstance,
  cart: Pick<PreparedCart, "cartId" | "headers" | "paymentCollectionId">,
  session: { id: string; amount: number },
  currencyCode: string
): Promise<string> {
  const other = await container.resolve<IPaymentModuleService>(Modules.PAYMENT).createPaymentSession(cart.paymentCollectionId, {
    provider_id: "pp_system_default",
    amount: session.amount,
    currency_code: currencyCode,
    data: {},
  })
  const knex = container.resolve<Knex>(ContainerRegistrationKeys.PG_CONNECTION)
  const [{ status }] = await knex("payment_session").where({ id: session.id }).select("status")
  await knex("payment_session").where({ id: session.id }).update({ status: "error" })
  const completion = await completeCart(api, cart)
  await knex("payment_session").where({ id: session.id }).update({ status })
  if (completion.status !== 200) throw new Error(`the cart completion with the other session answered ${completion.status}: ${JSON.stringify(completion.data)}`)
  return other.id
}
