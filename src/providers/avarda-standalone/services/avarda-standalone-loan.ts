import type { StandaloneProduct } from "../../../lib/avarda/standalone/request"
import { StandaloneBase } from "../core/standalone-base"
import { standaloneOfferedTerms } from "../core/options"
import { STANDALONE_IDENTIFIERS } from "../core/provider-ids"

/** Loan (`AuthorizeLoanEID`) with the shopper's term in `PaymentTerms`. */
export class AvardaStandaloneLoanService extends StandaloneBase {
  static override identifier = STANDALONE_IDENTIFIERS["loan"]
  protected readonly product: StandaloneProduct = "loan"

  protected override async offeredPaymentTerms(): Promise<number[]> {
    return standaloneOfferedTerms(this.options_, "loan")
  }
}
