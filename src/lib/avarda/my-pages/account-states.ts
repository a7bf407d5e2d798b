/**
 * What an account's or invoice's `state` means for the people looking at it. Avarda
 * documents eight PaymentStatusTypes and its own UI styles a few more, so any value is accepted:
 * unknown states keep their name (split into words) and a neutral tone.
 */
export type StateTone = "red" | "orange" | "green" | "blue" | "purple" | "grey"

export interface AccountStateView {
  /** The state as Avarda sent it. */
  state: string
  label: string
  tone: StateTone
  /** Unpaid or Overdue: the shopper owes money now (what Avarda's plugin offers "Pay" for). */
  needsPayment: boolean
  /** False for a state this plugin does not know yet. */
  known: boolean
}

const KNOWN: Record<string, { label: string; tone: StateTone; needsPayment?: true }> = {
  unpaid: { label: "Unpaid", tone: "orange", needsPayment: true },
  overdue: { label: "Overdue", tone: "red", needsPayment: true },
  paid: { label: "Paid", tone: "green" },
  overpaid: { label: "Overpaid", tone: "green" },
  postponed: { label: "Postponed", tone: "purple" },
  notproduced: { label: "Not produced", tone: "grey" },
  transferred: { label: "Transferred", tone: "red" },
  paymentscheduled: { label: "Payment scheduled", tone: "blue" },
  scheduled: { label: "Payment scheduled", tone: "blue" },
  processingpayment: { label: "Processing payment", tone: "blue" },
  processing: { label: "Processing payment", tone: "blue" },
}

/** "PaymentScheduled" → "Payment scheduled", "B2BInvoice" → "B2B invoice", "DEBT_COLLECTION" → "Debt collection". */
export function humanizeEnumValue(value: string): string {
  const words = value
    .replace(/[_-]+/g, " ")
    .replace(/([a-z])([A-Z])/g, "$1 $2")
    .replace(/([A-Z0-9]+)([A-Z][a-z])/g, "$1 $2")
    .split(/\s+/)
    .filter(Boolean)
  if (words.length === 0) return value
  const shouting = value === value.toUpperCase()
  return words
    .map((word, index) => {
      const lower = shouting || /^[A-Z]?[a-z]+$/.test(word) ? word.toLowerCase() : word
      return index === 0 ? lower[0]!.toUpperCase() + lower.slice(1) : lower
    })
    .join(" ")
}

export function describeAccountState(state: string): AccountStateView {
  const known = KNOWN[state.replace(/[\s_-]/g, "").toLowerCase()]
  if (!known) return { state, label: humanizeEnumValue(state), tone: "grey", needsPayment: false, known: false }
  return { state, label: known.label, tone: known.tone, needsPayment: known.needsPayment === true, known: true }
}

/** An open balance in a state that asks for payment: the storefront may offer "Pay". */
export function isPayable(state: string, balance: number): boolean {
  return describeAccountState(state).needsPayment && balance > 0
}
