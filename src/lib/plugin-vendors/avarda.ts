/** Avarda's Authorization API: four credit methods, provider ids `pp_avarda-invoice_<config id>`, … */
import type { AuthorizationProduct } from "../avarda/authorization-api/request"
import { creditSessionStatusOf } from "../avarda/credit-session-status"
import type { PluginVendorFacts } from "./plugin-vendor"

export const AVARDA_AUTHORIZATION_API: PluginVendorFacts<AuthorizationProduct, typeof creditSessionStatusOf> = {
  vendor: "avarda",
  name: "Avarda (Authorization API)",
  providerDirectory: "avarda",
  methods: {
    invoice: { identifier: "avarda-invoice", label: "Avarda invoice" },
    "part-payment": { identifier: "avarda-part-payment", label: "Avarda part payment" },
    loan: { identifier: "avarda-loan", label: "Avarda loan" },
    "direct-invoice": { identifier: "avarda-direct-invoice", label: "Avarda direct invoice" },
  },
  sessionStatusOf: creditSessionStatusOf,
  unconfirmedCallPlaces: { return: "returns" },
}
