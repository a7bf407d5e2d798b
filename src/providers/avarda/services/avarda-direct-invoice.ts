import type { ShopRequestFields } from "../../../lib/avarda/authorization-api/create-request"
import type { AuthorizationProduct } from "../../../lib/avarda/authorization-api/request"
import { AvardaBase } from "../core/avarda-base"
import { AVARDA_IDENTIFIERS } from "../core/provider-ids"

/** Invoice with a fixed term, sent after capture: `POST /authorization/direct-invoice` + optional `accountClassCode`. */
export class AvardaDirectInvoiceService extends AvardaBase {
  static override identifier = AVARDA_IDENTIFIERS["direct-invoice"]
  protected readonly product: AuthorizationProduct = "direct-invoice"

  protected override productFields(): Partial<ShopRequestFields> {
    const { accountClassCode } = this.options_.directInvoice
    return accountClassCode === undefined ? {} : { accountClassCode }
  }
}
