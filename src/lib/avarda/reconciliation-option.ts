/**
 * The reconciliation job's timing, one option for both Avarda credit APIs: a shopper sent to the
 * identification gets `graceMinutes` to come back before the job checks the session, and the job
 * follows a payment up (a waiting session, an authorization left by a deleted session, a release
 * that failed at the order's cancel) for at most `maxAgeHours`.
 */
import { z } from "zod"

export const reconciliationOption = () =>
  z.object({ graceMinutes: z.number().min(0).default(2), maxAgeHours: z.number().positive().default(24) }).default({ graceMinutes: 2, maxAgeHours: 24 })

export type ReconciliationOption = z.infer<ReturnType<typeof reconciliationOption>>

/** The option in milliseconds. */
export function reconciliationWindowMs({ graceMinutes, maxAgeHours }: ReconciliationOption): { graceMs: number; maxAgeMs: number } {
  return { graceMs: graceMinutes * 60_000, maxAgeMs: maxAgeHours * 3_600_000 }
}
