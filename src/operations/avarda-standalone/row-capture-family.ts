/**
 * The Standalone Credit family for the shared capture-on-shipment workflow and admin capture plans
 * (`src/operations/credit/row-capture-families.ts`): a shipment becomes a `PurchaseOrder` of its rows.
 * TranIds are Medusa ids: the fulfillment id for a shipment, the session id + sequence for an
 * admin capture; both stay the same when the capture is retried.
 */
import { isStandalonePaymentData } from "../../providers/avarda-standalone/core/payment-data"
import { standaloneCaptureMode } from "../../providers/avarda-standalone/core/options"
import { isStandaloneProviderId } from "../../providers/avarda-standalone/core/provider-ids"
import { standaloneOptionsFor } from "../../providers/avarda-standalone/core/runtime-config"
import { avardaTranId } from "../../providers/avarda/core/tran-id"
import type { RowCaptureFamily } from "../credit/row-capture-families"

export const avardaStandaloneRowCaptureFamily: RowCaptureFamily = {
  family: "avarda-standalone",
  matches: (providerId, data) => isStandaloneProviderId(providerId) && isStandalonePaymentData(data),
  providerMatches: (providerId) => isStandaloneProviderId(providerId),
  capturesOnShipment: async (container, providerId) => (await standaloneCaptureMode(standaloneOptionsFor(container, providerId))) === "on_shipment",
  adminTranId: (ledger, sequence) => avardaTranId(ledger.order_reference, "c", sequence),
  // Fulfillment ids ("ful_" + ULID) fit Avarda's 36 characters.
  shipmentTranId: (fulfillmentId) => fulfillmentId.slice(0, 36),
}
