/**
 * `aprData` of a loan account: annuity per month plus invoice fee, and the effective annual rate
 * (APR) solved from those payments. Results are rounded to minor units / 2 decimals.
 */
export interface LoanTerms {
  creditAmountMinor: number
  months: number
  /** Nominal annual interest in percent, e.g. 19.95. */
  interestRatePercent: number
  invoiceFeeMinor: number
}

export interface AprData {
  creditAmount: number
  months: number
  perMonth: number
  percent: number
  totalCredit: number
  totalAmount: number
  interestRate: number
  invoiceFee: number
}

export function monthlyPaymentMinor(terms: LoanTerms): number {
  const rate = terms.interestRatePercent / 100 / 12
  const annuity = rate === 0 ? terms.creditAmountMinor / terms.months : (terms.creditAmountMinor * rate) / (1 - (1 + rate) ** -terms.months)
  return Math.ceil(annuity) + terms.invoiceFeeMinor
}

/** Effective annual rate in percent for paying `perMonth` for `months` months on `credit`. */
function effectiveAnnualRatePercent(creditMinor: number, perMonthMinor: number, months: number): number {
  if (perMonthMinor * months <= creditMinor) return 0
  const presentValue = (monthlyRate: number) => {
    let total = 0
    for (let k = 1; k <= months; k++) total += perMonthMinor / (1 + monthlyRate) ** k
    return total
  }
  let low = 0
  let high = 1
  for (let i = 0; i < 100; i++) {
    const mid = (low + high) / 2
    if (presentValue(mid) > creditMinor) low = mid
    else high = mid
  }
  return ((1 + low) ** 12 - 1) * 100
}

export function aprDataOf(terms: LoanTerms): AprData {
  const perMonthMinor = monthlyPaymentMinor(terms)
  const totalMinor = perMonthMinor * terms.months
  return {
    creditAmount: terms.creditAmountMinor / 100,
    months: terms.months,
    perMonth: perMonthMinor / 100,
    percent: Math.round(effectiveAnnualRatePercent(terms.creditAmountMinor, perMonthMinor, terms.months) * 100) / 100,
    totalCredit: (totalMinor - terms.creditAmountMinor) / 100,
    totalAmount: totalMinor / 100,
    interestRate: terms.interestRatePercent,
    invoiceFee: terms.invoiceFeeMinor / 100,
  }
}
