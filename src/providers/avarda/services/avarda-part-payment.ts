import type { ShopRequestFields } from "../../../lib/avarda/authorization-api/create-request"
import type { AuthorizationProduct } from "../../../lib/avarda/authorization-api/request"
import { AvardaBase } from "../core/avarda-base"
import { AVARDA_IDENTIFIERS } from "../core/provider-ids"

/** Fixed instalment plan: `POST /authorization/part-payment` + `paymentTerms` and `accountClassCode` (both required). */
export class AvardaPartPaymentService extends AvardaBase {
  static override identifier = AVARDA_IDENTIFIERS["part-payment"]
  protected readonly product: AuthorizationProduct = "part-payment"

  protected override async offeredPaymentTerms(): Promise<number[]> {
    return (await this.operationalSettings()).paymentTerms.partPayment
  }

  protected override productFields(paymentTerms: number | undefined): Partial<ShopRequestFields> {
    const { accountClassCode, sendTermsAndConditions } = this.options_.partPayment
    return { paymentTerms, sendTermsAndConditions, accountClassCode }
  }
}
