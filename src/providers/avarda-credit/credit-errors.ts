import { MedusaError } from "@medusajs/framework/utils"
import type { OutcomeUnknown } from "../../lib/avarda/outcome-unknown"

/**
 * Avarda may or may not have applied the call (no answer in time, a lost connection, an unreadable
 * answer). Medusa records nothing for it; repeating it with the same tranId is safe, because Avarda
 * applies a tranId once. The capture runner recognises it by `outcomeUnknown`.
 */
export class AvardaOutcomeUnknownError extends MedusaError implements OutcomeUnknown {
  readonly outcomeUnknown = true as const

  constructor(message: string) {
    super(MedusaError.Types.UNEXPECTED_STATE, message)
  }
}

/** Avarda's background processing is not done (`inBackOffice` false): capture later. */
export class AvardaNotReadyError extends MedusaError {
  constructor(readonly authorizationId: string) {
    super(
      MedusaError.Types.NOT_ALLOWED,
      `Avarda is still processing authorization ${authorizationId} (inBackOffice is false): the capture can be made in a few minutes`
    )
  }
}
