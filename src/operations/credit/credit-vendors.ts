/**
 * The two Avarda credit APIs (Authorization API, Standalone Credit) as the shopper-return resolver
 * and the reconciliation of sessions whose shopper never came back see them. Both send the shopper
 * to an identification page and store their decision with the same outcome words, so one adapter
 * per API says only what differs: where its options are, which purchase a session holds, the
 * purpose of its signed return state and its texts for a shopper still identifying.
 */
import type { MedusaContainer } from "@medusajs/framework/types"
import { shopperLanguageOfPurchase, type ShopperLanguage, type ShopperMessageKey } from "../../lib/avarda/shopper-messages"
import { AVARDA_AUTHORIZATION_API, AVARDA_STANDALONE_CREDIT, type PluginVendorFacts } from "../../lib/plugin-vendors"
import type { ReturnStatePurpose } from "../../lib/return-state/return-state"
import { readAvardaPaymentData } from "../../providers/avarda/core/payment-data"
import { anyAvardaOptions, avardaOptionsFor } from "../../providers/avarda/core/runtime-config"
import { readStandalonePaymentData } from "../../providers/avarda-standalone/core/payment-data"
import { anyStandaloneOptions, standaloneOptionsFor } from "../../providers/avarda-standalone/core/runtime-config"
import { releaseDeletedSessionAuthorization } from "../../workflows/avarda/release-orphaned-authorizations"

/** The options both APIs' providers share for returns and reconciliation. */
export interface CreditVendorOptions {
  storefront: { successUrl: string; failureUrl: string }
  reconciliation: { graceMinutes: number; maxAgeHours: number }
}

/** What a payment session's data says about its purchase at Avarda. */
export interface CreditPurchase {
  /** Avarda's id of the purchase (the Authorization API's authorizationId, Standalone Credit's purchase id). */
  purchaseId?: string
  decision?: { outcome: string; message?: string | null }
  /** The shopper's language, for the plugin's own texts. */
  language: ShopperLanguage
}

export interface CreditVendor {
  facts: PluginVendorFacts
  /** The purpose the signed `state` on this API's return URL is bound to. */
  returnPurpose: ReturnStatePurpose
  /** The shopper's text when the return finds the identification unfinished, and when Avarda could not be asked. */
  returnMessages: { pending: ShopperMessageKey; unreachable: ShopperMessageKey }
  optionsFor(container: MedusaContainer, providerId: string): CreditVendorOptions
  /** Options of the first configured entry, for a return that names no session of this API. */
  anyOptions(container: MedusaContainer): CreditVendorOptions | undefined
  purchaseOf(data: Record<string, unknown> | null | undefined): CreditPurchase
  /**
   * A return for a session Medusa deleted while the shopper identified: the purchase it names may
   * now be approved and must be released. Best effort; the reconciliation job retries.
   */
  releaseDeletedSession?(container: MedusaContainer, sessionId: string, purchaseId: string): Promise<unknown>
}

type StoredCreditData = Parameters<typeof shopperLanguageOfPurchase>[0] & { decision?: CreditPurchase["decision"] }

function creditPurchase(stored: StoredCreditData | undefined, purchaseId: string | undefined): CreditPurchase {
  return { purchaseId, decision: stored?.decision, language: shopperLanguageOfPurchase(stored) }
}

export const AUTHORIZATION_API_CREDIT: CreditVendor = {
  facts: AVARDA_AUTHORIZATION_API,
  returnPurpose: "avarda-id-validation-return",
  returnMessages: { pending: "identification_processing", unreachable: "payment_unconfirmed" },
  optionsFor: avardaOptionsFor,
  anyOptions: anyAvardaOptions,
  purchaseOf(data) {
    const stored = readAvardaPaymentData(data ?? undefined)
    return creditPurchase(stored, stored?.authorization_id)
  },
  releaseDeletedSession: releaseDeletedSessionAuthorization,
}

export const STANDALONE_CREDIT: CreditVendor = {
  facts: AVARDA_STANDALONE_CREDIT,
  returnPurpose: "avarda-standalone-electronic-id-return",
  returnMessages: { pending: "identification_unconfirmed", unreachable: "identification_unconfirmed" },
  optionsFor: standaloneOptionsFor,
  anyOptions: anyStandaloneOptions,
  purchaseOf(data) {
    const stored = readStandalonePaymentData(data)
    return creditPurchase(stored, stored?.purchase_id)
  },
}

/** Both credit APIs, in the order the reconciliation job visits them. */
export function creditVendors(): CreditVendor[] {
  return [AUTHORIZATION_API_CREDIT, STANDALONE_CREDIT]
}
