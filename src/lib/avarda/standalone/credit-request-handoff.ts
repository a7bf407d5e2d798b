/**
 * What the Standalone Credit store route hands to the provider through the process-local one-time
 * hand-off (see `../one-time-handoff.ts`): the shared credit request, the personal ID number (never
 * stored), the chosen term and, for a company purchase, the company name from the cart.
 */
import type { CreditRequestHandoff } from "../credit-request-handoff"
import { processWideHandoff } from "../one-time-handoff"

export interface StandaloneCreditRequestHandoff extends CreditRequestHandoff {
  /** Billing company of the cart; sent as `CompanyName` with `IsB2B` when the store allows B2B. */
  companyName?: string
}

export const standaloneCreditRequestHandoff = () => processWideHandoff<StandaloneCreditRequestHandoff>("avarda-standalone-credit-request")
