// GET /admin/avarda-avirato/orders/:id/payments — the order page's payment panel: every payment of
// the order made with one of this plugin's providers, as paymentPanelView describes it.
import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { expiryWarningDaysFor } from "../../../../../../lib/authorization-expiry"
import { isPluginProvider } from "../../../../../../lib/plugin-vendors"
import { readFreshRuntimeSettings } from "../../../../../../lib/runtime-settings"
import { paymentPanelView, type PanelPaymentRow } from "../../../../../admin-payment-panel/payment-panel-view"

export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const { data: orders } = await query.graph({
    entity: "order",
    fields: [
      "id",
      "payment_collections.payments.id",
      "payment_collections.payments.provider_id",
      "payment_collections.payments.amount",
      "payment_collections.payments.raw_amount",
      "payment_collections.payments.currency_code",
      "payment_collections.payments.data",
      "payment_collections.payments.created_at",
      "payment_collections.payments.captured_at",
      "payment_collections.payments.canceled_at",
      "payment_collections.payments.captures.id",
      "payment_collections.payments.captures.amount",
      "payment_collections.payments.captures.raw_amount",
      "payment_collections.payments.captures.created_at",
      "payment_collections.payments.captures.created_by",
      "payment_collections.payments.refunds.id",
      "payment_collections.payments.refunds.amount",
      "payment_collections.payments.refunds.raw_amount",
      "payment_collections.payments.refunds.created_at",
      "payment_collections.payments.refunds.note",
    ],
    filters: { id: req.params.id! },
  })
  const order = orders[0] as { payment_collections?: Array<{ payments?: PanelPaymentRow[] | null } | null> | null } | undefined
  if (!order) {
    res.status(404).json({ type: "not_found", message: `Order ${req.params.id} was not found` })
    return
  }
  // The warning lead the store owner set, as saved now (another process may have changed it).
  const settings = await readFreshRuntimeSettings()
  const context = { now: new Date(), warningDays: (family: Parameters<typeof expiryWarningDaysFor>[0]) => expiryWarningDaysFor(family, settings) }
  const payments = (order.payment_collections ?? [])
    .flatMap((collection) => collection?.payments ?? [])
    .filter((payment) => isPluginProvider(payment.provider_id))
    .map((payment) => paymentPanelView(payment, context))
  res.json({ payments })
}
