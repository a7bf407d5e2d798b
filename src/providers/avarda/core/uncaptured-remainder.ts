import { remainingToCaptureMinor, type CreditLedger } from "../../../lib/avarda/credit-ledger"
import { minorToDecimalString } from "../../../lib/money/minor-units"

export interface UncapturedRemainder {
  amount_minor: number
  recorded_at: string
  note: string
}

/**
 * What an admin must know after an order was cancelled with part of its Avarda authorization
 * captured: the rest stays reserved, because the Authorization API documents no call to release
 * it (assumption U8; `/cancel` is refused after a capture). Undefined when nothing is left.
 */
export function uncapturedRemainderOf(ledger: CreditLedger, now: Date = new Date()): UncapturedRemainder | undefined {
  const remaining = remainingToCaptureMinor(ledger)
  if (remaining <= 0 || ledger.captures.length === 0) return undefined
  const amount = `${minorToDecimalString(remaining, ledger.currency_code)} ${ledger.currency_code.toUpperCase()}`
  return {
    amount_minor: remaining,
    recorded_at: now.toISOString(),
    note:
      `Order cancelled after a partial capture: ${amount} of the Avarda authorization were NOT released. ` +
      "The Authorization API has no call to release an uncaptured rest; ask Avarda to release it.",
  }
}
