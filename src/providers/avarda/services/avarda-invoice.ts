import type { AuthorizationProduct } from "../../../lib/avarda/authorization-api/request"
import { AvardaBase } from "../core/avarda-base"
import { AVARDA_IDENTIFIERS } from "../core/provider-ids"

/** Monthly invoice: `POST /authorization/invoice`, no extra fields. */
export class AvardaInvoiceService extends AvardaBase {
  static override identifier = AVARDA_IDENTIFIERS.invoice
  protected readonly product: AuthorizationProduct = "invoice"
}
