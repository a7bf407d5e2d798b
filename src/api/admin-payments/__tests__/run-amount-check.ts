// Runs an admin amount check (the middleware before Medusa's capture or refund route) on a request
// for payment `id` with `body`, against payments held in memory: what it answered, whether it went
// on to the route, and the reads it made of the Payment Module.
import type { MedusaNextFunction, MedusaRequest, MedusaResponse } from "@medusajs/framework/http"

export interface CheckOutcome {
  status?: number
  json?: { errors?: Array<{ field: string; message: string }> }
  next: boolean
  reads: unknown[]
}

type Check = (req: MedusaRequest, res: MedusaResponse, next: MedusaNextFunction) => Promise<void>

export async function runAmountCheck(check: Check, payments: Record<string, unknown>, id: string, body: unknown): Promise<CheckOutcome> {
  const outcome: CheckOutcome = { next: false, reads: [] }
  const paymentModule = {
    retrievePayment: async (wanted: string, config: unknown) => {
      outcome.reads.push(config)
      const payment = payments[wanted]
      if (!payment) throw new Error(`Payment with id: ${wanted} was not found`)
      return payment
    },
  }
  const req = { params: { id }, body, scope: { resolve: () => paymentModule } } as unknown as MedusaRequest
  const res = {
    status(code: number) {
      outcome.status = code
      return this
    },
    json(value: unknown) {
      outcome.json = value as CheckOutcome["json"]
      return this
    },
  } as unknown as MedusaResponse
  await check(req, res, (() => (outcome.next = true)) as MedusaNextFunction)
  return outcome
}
