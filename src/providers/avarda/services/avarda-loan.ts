import type { ShopRequestFields } from "../../../lib/avarda/authorization-api/create-request"
import type { AuthorizationProduct } from "../../../lib/avarda/authorization-api/request"
import { AvardaBase } from "../core/avarda-base"
import { AVARDA_IDENTIFIERS } from "../core/provider-ids"

/** Interest-bearing account: `POST /authorization/loan` + `paymentTerms`, optional `accountClassCode`. */
export class AvardaLoanService extends AvardaBase {
  static override identifier = AVARDA_IDENTIFIERS.loan
  protected readonly product: AuthorizationProduct = "loan"

  protected override async offeredPaymentTerms(): Promise<number[]> {
    return (await this.operationalSettings()).paymentTerms.loan
  }

  protected override productFields(paymentTerms: number | undefined): Partial<ShopRequestFields> {
    const { accountClassCode, sendTermsAndConditions } = this.options_.loan
    return { paymentTerms, sendTermsAndConditions, ...(accountClassCode === undefined ? {} : { accountClassCode }) }
  }
}
