/**
 * What each of the plugin's vendors does where Medusa's own flows meet its payments: how the admin's
 * capture of an amount becomes the plan its provider's capture executes, how a shipment is
 * captured, and how its sessions whose shopper never came back are re-checked. The vendor's provider
 * ids, config recognition and status map are its facts (lib/plugin-vendors); this adds the
 * Medusa-side operations, one entry per vendor, so the admin capture route, the shipment subscriber
 * and the reconciliation jobs ask one place instead of knowing each vendor.
 */
import type { BigNumberInput, MedusaContainer } from "@medusajs/framework/types"
import { vendorOfProviderId, type PluginVendorKey } from "../lib/plugin-vendors"
import { planAviratoCapture } from "./avirato/plan-capture"
import { captureAviratoShipment } from "./avirato/capture-shipment"
import { aviratoPendingChecker } from "./avirato/reconcile-pending-sessions"
import { planCreditAdminCapture } from "./credit/plan-admin-capture"
import { captureCreditShipment } from "./credit/capture-shipment"
import { AUTHORIZATION_API_CREDIT, STANDALONE_CREDIT, type CreditVendor } from "./credit/credit-vendors"
import { creditPendingChecker } from "./credit/pending-payment-checkers"
import { rowCaptureFamilyOf } from "./credit/row-capture-families"
import type { PendingPaymentChecker } from "./shared/pending-payment-checker"
import { readAvardaPaymentData } from "../providers/avarda/core/payment-data"
import { readStandalonePaymentData } from "../providers/avarda-standalone/core/payment-data"
import { readPaymentData } from "../providers/avirato/core/payment-data"

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
  /**
   * The reconciliation loop's checker of this vendor's sessions whose shopper never came back from
   * its page: which sessions it watches, when, and how it asks the vendor.
   */
  pendingChecker(): PendingPaymentChecker
  /**
   * The Medusa refund ids the provider recorded a refund for in the payment's data (made,
   * unconfirmed or refused): a Medusa refund not among them never reached the provider's record.
   */
  refundIdsRecordedIn(data: Record<string, unknown> | null | undefined): Set<string>
}

/** The ids among `ids` that are set. */
const idSet = (ids: Array<string | undefined>): Set<string> => new Set(ids.filter((id): id is string => typeof id === "string"))

type RecordedRefund = { refund_id?: string }

function creditOperations(vendor: CreditVendor, refundRecordsIn: (data: Record<string, unknown> | null | undefined) => RecordedRefund[]): PluginVendorOperations {
  return {
    // Only payments holding a credit ledger (rows to capture) are planned.
    adminCapturePlannerOf: (data, providerId) => (rowCaptureFamilyOf(providerId, data) ? planCreditAdminCapture : undefined),
    captureOnShipment: captureCreditShipment,
    pendingChecker: () => creditPendingChecker(vendor),
    refundIdsRecordedIn: (data) => idSet(refundRecordsIn(data).map((record) => record.refund_id)),
  }
}

export const PLUGIN_VENDOR_OPERATIONS: Readonly<Record<PluginVendorKey, PluginVendorOperations>> = {
  // A refund is a `/return` of rows.
  avarda: creditOperations(AUTHORIZATION_API_CREDIT, (data) => readAvardaPaymentData(data ?? undefined)?.returns ?? []),
  // A refund is a `ReturnOrder` (of a received return) or a `Refund` of an amount.
  "avarda-standalone": creditOperations(STANDALONE_CREDIT, (data) => {
    const stored = readStandalonePaymentData(data)
    return stored ? [...stored.returns, ...stored.refunds] : []
  }),
  avirato: {
    // Medusa's refund id is the refund's Idempotency-Key.
    refundIdsRecordedIn: (data) => idSet((readPaymentData(data ?? undefined).refunds ?? []).map((record) => record.idempotency_key)),
    // The planner itself leaves an auto-captured payment alone (Avirato took the money at payment).
    adminCapturePlannerOf: () => planAviratoCapture,
    captureOnShipment: captureAviratoShipment,
    pendingChecker: () => aviratoPendingChecker(),
  },
}

/**
 * The pending-session checkers of these vendors, for the job that reconciles them: the credit job
 * runs every minute (a shopper identifying holds a credit reservation), Avirato's every ten (an
 * unpaid hosted page holds nothing).
 */
export function pendingCheckersOf(vendors: readonly PluginVendorKey[]): PendingPaymentChecker[] {
  return vendors.map((vendor) => PLUGIN_VENDOR_OPERATIONS[vendor].pendingChecker())
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
