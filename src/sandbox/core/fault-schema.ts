import { z } from "zod"
import type { FaultSpec } from "./types"

const common = {
  route: z.string().min(1),
  times: z.number().int().positive().optional(),
  rate: z.number().min(0).max(1).optional(),
}

/** Validates a FaultSpec received by `POST /__sandbox/faults`. */
export const faultSpecSchema: z.ZodType<FaultSpec> = z.discriminatedUnion("kind", [
  z.object({
    ...common,
    kind: z.literal("status"),
    status: z.number().int().min(100).max(599),
    body: z.unknown().optional(),
    headers: z.record(z.string(), z.string()).optional(),
  }),
  z.object({ ...common, kind: z.literal("latency"), ms: z.number().int().nonnegative() }),
  z.object({ ...common, kind: z.literal("hang") }),
  z.object({ ...common, kind: z.literal("reset") }),
  z.object({ ...common, kind: z.literal("malformed") }),
  z.object({ ...common, kind: z.literal("expired-token") }),
  z.object({
    ...common,
    kind: z.literal("after-processing"),
    then: z.enum(["reset", "hang", "status"]),
    status: z.number().int().min(100).max(599).optional(),
  }),
]) as z.ZodType<FaultSpec>
