/**
 * The Avarda Standalone Credit providers (CheckOut2Api: invoice, direct invoice, loan, part
 * payment): the shared credit logic of `AvardaCreditBase` with the Standalone Credit adapter.
 * Subclasses only say which product they are and which terms they offer.
 */
import type { StandaloneCreditRequestHandoff } from "../../../lib/avarda/standalone/credit-request-handoff"
import type { StandaloneProduct } from "../../../lib/avarda/standalone/request"
import { AvardaCreditBase } from "../../avarda-credit/avarda-credit-base"
import { parseStandaloneOptions, type StandaloneOptions } from "./options"
import type { StandalonePaymentData } from "./payment-data"
import { clientOf } from "./runtime-config"
import { StandaloneAdapter } from "./standalone-adapter"

export abstract class StandaloneBase extends AvardaCreditBase<StandaloneOptions, StandalonePaymentData, StandaloneCreditRequestHandoff> {
  protected static override parseOptions = parseStandaloneOptions
  protected abstract override readonly product: StandaloneProduct
  protected readonly adapter = new StandaloneAdapter({ client: clientOf(this.options_), options: this.options_, logger: this.logger_ })
}
