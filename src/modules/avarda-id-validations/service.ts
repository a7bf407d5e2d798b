import { MedusaService } from "@medusajs/framework/utils"
import IdValidationAuthorization from "./models/id-validation-authorization"

export interface IdValidationAuthorizationRecord {
  id: string
  authorization_id: string
  checkout_session_id: string
  provider_id: string
  state: "waiting" | "released" | "settled"
  outcome: string | null
  created_at: Date | string
}

/** Avarda authorizations that began with ID validation, followed until used or released. */
export default class AvardaIdValidationsService extends MedusaService({ IdValidationAuthorization }) {
  /** Starts following an authorization; following it twice changes nothing. */
  async follow(row: { authorization_id: string; checkout_session_id: string; provider_id: string }): Promise<void> {
    const [existing] = await this.listIdValidationAuthorizations({ authorization_id: row.authorization_id }, { take: 1 })
    if (existing) return
    await this.createIdValidationAuthorizations(row).catch(async (error: Error) => {
      // Two requests following the same authorization at once: the unique index kept one row.
      const [kept] = await this.listIdValidationAuthorizations({ authorization_id: row.authorization_id }, { take: 1 })
      if (!kept) throw error
    })
  }

  /** One page of waiting rows after `afterId`, in id order (the job's cursor). */
  async waitingPage(afterId: string | undefined, take: number): Promise<IdValidationAuthorizationRecord[]> {
    const rows = await this.listIdValidationAuthorizations(
      { state: "waiting", ...(afterId ? { id: { $gt: afterId } } : {}) } as never,
      { take, order: { id: "ASC" } }
    )
    return rows as unknown as IdValidationAuthorizationRecord[]
  }

  /** Ends following a waiting authorization (a row already finished keeps its first outcome). */
  async finish(authorizationId: string, state: "released" | "settled", outcome: string): Promise<void> {
    const [row] = await this.listIdValidationAuthorizations({ authorization_id: authorizationId, state: "waiting" }, { take: 1 })
    if (row) await this.updateIdValidationAuthorizations({ id: row.id, state, outcome })
  }
}
