import { z } from "zod"

export const connectionCheckBodySchema = z.strictObject({
  vendor: z.enum(["avarda", "avarda-standalone", "avirato"], 'must be "avarda", "avarda-standalone" or "avirato"'),
})

export type ConnectionCheckBody = z.output<typeof connectionCheckBodySchema>
