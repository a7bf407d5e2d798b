import type { StandaloneProduct } from "../../../lib/avarda/standalone/request"
import { StandaloneBase } from "../core/standalone-base"
import { STANDALONE_IDENTIFIERS } from "../core/provider-ids"

/** Invoice released at delivery (`AuthorizeDirectInvoiceEID`). */
export class AvardaStandaloneDirectInvoiceService extends StandaloneBase {
  static override identifier = STANDALONE_IDENTIFIERS["direct-invoice"]
  protected readonly product: StandaloneProduct = "direct-invoice"
}
