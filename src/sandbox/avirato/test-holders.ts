import type { AttemptStatus } from "./model"

/** Test holder names (case-insensitive) and their outcome. Any other name is authorised. */
export const DECLINING_HOLDER_NAMES: Readonly<Record<string, string>> = {
  DECLINED: "Generic decline",
  CARD_EXPIRED: "Expired card",
  INVALID_CARD: "Invalid card number",
  NOT_ENOUGH_BALANCE: "Not enough balance",
  CVC_DECLINED: "CVC declined",
  FRAUD: "Fraud detected",
}
export const PROCESSOR_ERROR_HOLDER_NAME = "ERROR"
export const PROCESSOR_ERROR_REASON = "Acquirer error"

export interface AttemptOutcome {
  status: AttemptStatus
  reason?: string
}

export function outcomeForHolder(holderName: string): AttemptOutcome {
  const name = holderName.trim().toUpperCase()
  if (name === PROCESSOR_ERROR_HOLDER_NAME) return { status: "error", reason: PROCESSOR_ERROR_REASON }
  const declineReason = DECLINING_HOLDER_NAMES[name]
  return declineReason ? { status: "refused", reason: declineReason } : { status: "authorised" }
}
