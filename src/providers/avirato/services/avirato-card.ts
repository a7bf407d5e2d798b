import { AviratoBase } from "../core/avirato-base"
import { AVIRATO_CARDS } from "../../../lib/plugin-vendors"

/** Card payments (3-D Secure included) on Avirato's hosted page: provider id `pp_avirato-card_<id>`. */
export class AviratoCardService extends AviratoBase {
  static override identifier = AVIRATO_CARDS.methods.card.identifier
}
