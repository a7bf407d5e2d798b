/** Admin My Pages routes act for the customer in the path, after checking the customer exists. */
import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { withCustomerMyPages, type MyPagesRouteContext } from "./handlers"

export async function withAdminCustomerMyPages(
  req: MedusaRequest,
  res: MedusaResponse,
  handler: (context: MyPagesRouteContext) => Promise<void>
): Promise<void> {
  const customerId = req.params.id!
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const { data: customers } = await query.graph({ entity: "customer", fields: ["id"], filters: { id: customerId } })
  if (customers.length === 0) {
    res.status(404).json({ type: "not_found", message: `Customer ${customerId} was not found` })
    return
  }
  await withCustomerMyPages(req, res, customerId, handler)
}
