/**
 * What each of the plugin's vendors does where Medusa's own flows meet its payments: how the admin's
 * capture of an amount becomes the plan its provider's capture executes, and how a shipment is
 * captured. The vendor's provider ids, config recognition and status map are its facts
 * (lib/plugin-vendors); this adds the Medusa-side operations, one entry per vendor, so the admin
 * capture route and the shipment subscriber ask one place instead of knowing each vendor.
 */
import type { BigNumberInput, MedusaContainer } from "@medusajs/framework/types"
import { vendorOfProviderId, type PluginVendorKey } from "../lib/plugin-vendors"
import { planAviratoCapture } from "./avirato/plan-capture"
import { captureAviratoShipment } from "./avirato/capture-shipment"
import { planCreditAdminCapture } from "./credit/plan-admin-capture"
import { captureCreditShipment } from "./credit/capture-shipment"
import { rowCaptureFamilyOf } from "./credit/row-capture-families"

/** Writes the admin's capture (default: everything left) into the payment as its plan; call it holding the payment's lock. */
export type AdminCapturePlanner = (container: MedusaContainer, paymentId: string, amount?: BigNumberInput) => Promise<unknown>

/**
 * Captures what one shipment shipped, for every payment of its order this capture handles. It never
 * throws: a capture that cannot be made now is logged, planned for the job or left to the admin,
 * and the shipment stands.
 */
export type ShipmentCapture = (container: MedusaContainer, fulfillmentId: string) => Promise<void>

export interface PluginVendorOperations {
  /**
   * The planner of the admin's capture for a payment of this vendor, given its data as stored;
   * undefined when the payment is captured as Medusa asks (nothing to plan).
   */
  adminCapturePlannerOf(data: Record<string, unknown> | null | undefined, providerId: string): AdminCapturePlanner | undefined
  /** The shipment's capture; vendors that share one (the two Avarda APIs) name the same function. */
  captureOnShipment: ShipmentCapture
}

const creditOperations: PluginVendorOperations = {
  // Only payments holding a credit ledger (rows to capture) are planned.
  adminCapturePlannerOf: (data, providerId) => (rowCaptureFamilyOf(providerId, data) ? planCreditAdminCapture : undefined),
  captureOnShipment: captureCreditShipment,
}

export const PLUGIN_VENDOR_OPERATIONS: Readonly<Record<PluginVendorKey, PluginVendorOperations>> = {
  avarda: creditOperations,
  "avarda-standalone": creditOperations,
  avirato: {
    // The planner itself leaves an auto-captured payment alone (Avirato took the money at payment).
    adminCapturePlannerOf: () => planAviratoCapture,
    captureOnShipment: captureAviratoShipment,
  },
}

/** The operations of the vendor owning a provider id; undefined for other providers. */
export function operationsOfProviderId(providerId: string | null | undefined): PluginVendorOperations | undefined {
  const vendor = vendorOfProviderId(providerId)
  return vendor ? PLUGIN_VENDOR_OPERATIONS[vendor] : undefined
}

/** Every distinct shipment capture, in vendor order: each runs once per shipment. */
export function shipmentCaptures(): ShipmentCapture[] {
  return [...new Set(Object.values(PLUGIN_VENDOR_OPERATIONS).map((operations) => operations.captureOnShipment))]
}
