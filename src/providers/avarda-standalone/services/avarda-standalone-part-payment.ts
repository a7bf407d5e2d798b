import type { StandaloneProduct } from "../../../lib/avarda/standalone/request"
import { StandaloneBase } from "../core/standalone-base"
import { standaloneOfferedTerms } from "../core/options"
import { STANDALONE_IDENTIFIERS } from "../core/provider-ids"

/** Part payment (`AuthorizePartPaymentEID`) with the shopper's term in `PaymentTerms`. */
export class AvardaStandalonePartPaymentService extends StandaloneBase {
  static override identifier = STANDALONE_IDENTIFIERS["part-payment"]
  protected readonly product: StandaloneProduct = "part-payment"

  protected override async offeredPaymentTerms(): Promise<number[]> {
    return standaloneOfferedTerms(this.options_, "part-payment")
  }
}
