/** Answer of `GET api/paymentwidget/partner/init`. */
import { z } from "zod"
import { parseAvardaUtc } from "../partner-token"

export const widgetInitSchema = z.object({
  paymentId: z.string().min(1),
  widgetJwt: z.string().min(1),
  expiredUtc: z.string().refine((text) => !Number.isNaN(parseAvardaUtc(text)), "must be a UTC timestamp"),
})

export type WidgetInitAnswer = z.infer<typeof widgetInitSchema>
