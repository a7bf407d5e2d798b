import type { StandaloneProduct } from "../../../lib/avarda/standalone/request"
import { StandaloneBase } from "../core/standalone-base"
import { STANDALONE_IDENTIFIERS } from "../core/provider-ids"

/** Monthly invoice (`AuthorizeInvoiceEID`). */
export class AvardaStandaloneInvoiceService extends StandaloneBase {
  static override identifier = STANDALONE_IDENTIFIERS["invoice"]
  protected readonly product: StandaloneProduct = "invoice"
}
