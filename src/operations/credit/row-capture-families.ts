/**
 * Provider families that capture with invoice rows planned on the Medusa side (the provider gets no
 * amount or lines from Medusa's capture): the shipment subscriber, the admin capture
 * middleware and the job plan captures for them. Standalone Credit (PurchaseOrder)
 * is one of them.
 */
import type { MedusaContainer } from "@medusajs/framework/types"
import type { CreditLedger } from "../../lib/avarda/credit-ledger"
import { operationalSettingsOf } from "../../providers/avarda/core/options"
import { isAvardaPaymentData } from "../../providers/avarda/core/payment-data"
import { parseAvardaProviderId } from "../../providers/avarda/core/provider-ids"
import { avardaOptionsFor } from "../../providers/avarda/core/runtime-config"
import { avardaTranId } from "../../providers/avarda/core/tran-id"
import { avardaStandaloneRowCaptureFamily } from "../avarda-standalone/row-capture-family"

export interface RowCaptureFamily {
  family: string
  matches(providerId: string, data: unknown): boolean
  /** Whether payments of this provider id can belong to the family (lets the job filter by provider). */
  providerMatches?(providerId: string): boolean
  /** Operational setting, as stored now: capture when a shipment is created (else only manually). */
  capturesOnShipment(container: MedusaContainer, providerId: string): Promise<boolean>
  /** Vendor transaction id of the n-th capture of an amount (admin), stable across retries. */
  adminTranId(ledger: CreditLedger & { order_reference: string }, sequence: number): string
  /** Vendor transaction id of a shipment's capture, stable across retries and duplicate events. */
  shipmentTranId(fulfillmentId: string): string
}

export const avardaRowCaptureFamily: RowCaptureFamily = {
  family: "avarda-authorization-api",
  matches: (providerId, data) => parseAvardaProviderId(providerId) !== undefined && isAvardaPaymentData(data),
  providerMatches: (providerId) => parseAvardaProviderId(providerId) !== undefined,
  capturesOnShipment: async (container, providerId) => (await operationalSettingsOf(avardaOptionsFor(container, providerId))).captureMode === "on_shipment",
  adminTranId: (ledger, sequence) => avardaTranId(ledger.order_reference, "c", sequence),
  // Fulfillment ids ("ful_" + ULID) fit Avarda's 36 characters.
  shipmentTranId: (fulfillmentId) => fulfillmentId.slice(0, 36),
}

export const ROW_CAPTURE_FAMILIES: RowCaptureFamily[] = [avardaRowCaptureFamily, avardaStandaloneRowCaptureFamily]

export function rowCaptureFamilyOf(providerId: string, data: unknown): RowCaptureFamily | undefined {
  return ROW_CAPTURE_FAMILIES.find((family) => family.matches(providerId, data))
}
