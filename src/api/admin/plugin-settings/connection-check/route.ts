// "Check connection" for one vendor, with the credentials from the server's configuration.
import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { connectionCheckInputOf } from "../../../../lib/plugin-settings/connection-check-input"
import { checkVendorConnection } from "../../../../lib/plugin-settings/connection-checks"
import { describeVendorConfigurations, vendorOfEntry } from "../../../../lib/plugin-settings/vendor-configuration"
import { paymentProviderEntries } from "../../../../providers/shared/payment-provider-entries"
import { configuredBackendUrl } from "../../../plugin-settings/backend-url"
import { connectionCheckBodySchema } from "../../../plugin-settings/validators"

/** The body was checked by the route's input check (src/api/request-validation/middlewares.ts). */
export async function POST(req: AuthenticatedMedusaRequest, res: MedusaResponse): Promise<void> {
  const { vendor } = connectionCheckBodySchema.parse(req.body)
  const entries = paymentProviderEntries(req.scope)
  const configuration = describeVendorConfigurations(entries, configuredBackendUrl(req.scope, ""))
    .find((c) => c.vendor === vendor)!
  const prepared = connectionCheckInputOf(configuration, entries.find((e) => vendorOfEntry(e) === vendor))
  if ("problem" in prepared) {
    res.json({ vendor, ok: false, message: prepared.problem, durationMs: 0, checkedAt: new Date().toISOString() })
    return
  }
  res.json(await checkVendorConnection(prepared.input))
}
