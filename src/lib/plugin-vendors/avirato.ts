/** Avirato's hosted card page: one method, provider ids `pp_avirato-card_<config id>`. */
import { toMedusaSessionStatus } from "../avirato/session-status"
import type { PluginVendorFacts } from "./plugin-vendor"

export const AVIRATO_CARDS: PluginVendorFacts<"card", typeof toMedusaSessionStatus> = {
  vendor: "avirato",
  name: "Avirato",
  providerDirectory: "avirato",
  methods: {
    card: { identifier: "avirato-card", label: "Avirato card" },
  },
  sessionStatusOf: toMedusaSessionStatus,
  unconfirmedCallPlaces: { refund: "refunds" },
}
