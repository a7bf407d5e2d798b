import { MedusaService } from "@medusajs/framework/utils"
import DiscardedPaymentSettlement from "./models/discarded-payment-settlement"

export interface DiscardedPaymentSettlementRecord {
  avirato_session_id: string
  payment_reference: string
  checkout_session_id: string | null
  action: "voided" | "refunded"
  amount: number
  currency_code: string
  detected_by: "webhook" | "return" | "reconciliation"
}

/** The record of Avirato payments on discarded checkouts that were given back. */
export default class AviratoSettlementsService extends MedusaService({ DiscardedPaymentSettlement }) {
  /** The settlement of an Avirato session, if its payment was already given back. */
  async settlementOf(aviratoSessionId: string): Promise<DiscardedPaymentSettlementRecord | undefined> {
    const [row] = await this.listDiscardedPaymentSettlements({ avirato_session_id: aviratoSessionId }, { take: 1 })
    return row as DiscardedPaymentSettlementRecord | undefined
  }

  /** Which of these Avirato sessions were already settled (one query for a page of them). */
  async settledSessionIds(aviratoSessionIds: string[]): Promise<Set<string>> {
    if (!aviratoSessionIds.length) return new Set()
    const rows = await this.listDiscardedPaymentSettlements({ avirato_session_id: aviratoSessionIds }, { select: ["avirato_session_id"], take: aviratoSessionIds.length })
    return new Set(rows.map((row) => row.avirato_session_id))
  }
}
