/** Avarda's Standalone Credit API (CheckOut2Api): provider ids `pp_avarda-standalone-invoice_<config id>`, … */
import type { StandaloneProduct } from "../avarda/standalone/request"
import { creditSessionStatusOf } from "../avarda/credit-session-status"
import type { PluginVendorFacts } from "./plugin-vendor"

export const AVARDA_STANDALONE_CREDIT: PluginVendorFacts<StandaloneProduct, typeof creditSessionStatusOf> = {
  vendor: "avarda-standalone",
  name: "Avarda Standalone Credit",
  providerDirectory: "avarda-standalone",
  methods: {
    invoice: { identifier: "avarda-standalone-invoice", label: "Avarda Standalone Credit invoice" },
    "direct-invoice": { identifier: "avarda-standalone-direct-invoice", label: "Avarda Standalone Credit direct invoice" },
    loan: { identifier: "avarda-standalone-loan", label: "Avarda Standalone Credit loan" },
    "part-payment": { identifier: "avarda-standalone-part-payment", label: "Avarda Standalone Credit part payment" },
  },
  sessionStatusOf: creditSessionStatusOf,
  unconfirmedCallPlaces: {
    capture: "captures",
    return: "returns",
    refund: "refunds",
    "release of the rest": "remainder_released",
    cancellation: "cancellation",
  },
}
