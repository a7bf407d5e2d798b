/**
 * The Avarda Authorization API providers (invoice, part-payment, loan, direct invoice): the shared
 * credit logic of `AvardaCreditBase` with the Authorization API's adapter. Subclasses only say which
 * product they are and which product fields they add (Stripe style).
 */
import type { Logger } from "@medusajs/framework/types"
import type { ShopRequestFields } from "../../../lib/avarda/authorization-api/create-request"
import { authorizationApiBaseUrl } from "../../../lib/avarda/authorization-api/environments"
import type { AuthorizationProduct } from "../../../lib/avarda/authorization-api/request"
import { sharedAuthorizationApiClient } from "../../../lib/avarda/authorization-api/shared-client"
import type { CreditRequestHandoff } from "../../../lib/avarda/credit-request-handoff"
import { AvardaCreditBase } from "../../avarda-credit/avarda-credit-base"
import { validateProviderOptions } from "../../shared/provider-options"
import { AuthorizationApiAdapter } from "./authorization-api-adapter"
import { operationalSettingsOf, parseAvardaOptions, type AvardaOperationalSettings, type AvardaOptions } from "./options"
import type { AvardaPaymentData } from "./payment-data"

export { ID_VALIDATION_RETURN_PATH } from "./id-validation-return"

export abstract class AvardaBase extends AvardaCreditBase<AvardaOptions, AvardaPaymentData, CreditRequestHandoff> {
  protected abstract override readonly product: AuthorizationProduct
  protected readonly adapter: AuthorizationApiAdapter

  static override validateOptions(options: Record<string, unknown>): void {
    validateProviderOptions(parseAvardaOptions, options)
  }

  constructor(cradle: { logger?: Logger } & Record<string, unknown>, options: Record<string, unknown>) {
    super(cradle, parseAvardaOptions(options))
    const client = sharedAuthorizationApiClient({
      baseUrl: authorizationApiBaseUrl(this.options_.environment),
      clientId: this.options_.clientId,
      clientSecret: this.options_.clientSecret,
      timeouts: { createMs: this.options_.timeouts.createAuthorizationMs, requestMs: this.options_.timeouts.requestMs },
    })
    this.adapter = new AuthorizationApiAdapter({ client, options: this.options_, logger: this.logger_, productFields: (terms) => this.productFields(terms) })
  }

  /** Settings a store owner may change at run time, as stored now: always read them through here. */
  protected operationalSettings(): Promise<AvardaOperationalSettings> {
    return operationalSettingsOf(this.options_)
  }

  /** Product-specific request fields; `paymentTerms` is the validated term for loan / part-payment. */
  protected productFields(_paymentTerms: number | undefined): Partial<ShopRequestFields> {
    return {}
  }
}
