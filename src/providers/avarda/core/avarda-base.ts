/**
 * The Avarda Authorization API providers (invoice, part-payment, loan, direct invoice): the shared
 * credit logic of `AvardaCreditBase` with the Authorization API's adapter. Subclasses only say which
 * product they are and which product fields they add (Stripe style).
 */
import type { ShopRequestFields } from "../../../lib/avarda/authorization-api/create-request"
import type { AuthorizationProduct } from "../../../lib/avarda/authorization-api/request"
import type { CreditRequestHandoff } from "../../../lib/avarda/credit-request-handoff"
import { AvardaCreditBase } from "../../avarda-credit/avarda-credit-base"
import { AuthorizationApiAdapter } from "./authorization-api-adapter"
import { operationalSettingsOf, parseAvardaOptions, type AvardaOperationalSettings, type AvardaOptions } from "./options"
import type { AvardaPaymentData } from "./payment-data"
import { avardaClientOf } from "./runtime-config"

export { ID_VALIDATION_RETURN_PATH } from "./id-validation-return"

export abstract class AvardaBase extends AvardaCreditBase<AvardaOptions, AvardaPaymentData, CreditRequestHandoff> {
  protected static override parseOptions = parseAvardaOptions
  protected abstract override readonly product: AuthorizationProduct
  protected readonly adapter = new AuthorizationApiAdapter({
    client: avardaClientOf(this.options_),
    options: this.options_,
    logger: this.logger_,
    productFields: (terms) => this.productFields(terms),
  })

  /** Settings a store owner may change at run time, as stored now: always read them through here. */
  protected operationalSettings(): Promise<AvardaOperationalSettings> {
    return operationalSettingsOf(this.options_)
  }

  /** Product-specific request fields; `paymentTerms` is the validated term for loan / part-payment. */
  protected productFields(_paymentTerms: number | undefined): Partial<ShopRequestFields> {
    return {}
  }
}
