/** My Pages request bodies (camelCase JSON, ASP.NET Core web defaults). */
import { z } from "zod"
import { collectKeys, dotnetObject, dotnetString, optional } from "../shared/dotnet-json"

export const tokenRequestSchema = dotnetObject(
  { clientId: optional(dotnetString()), clientSecret: optional(dotnetString()) },
  "Avarda.MyPages.TokenRequest",
)

/** `language`: docs say string, Avarda's plugin sent the Checkout-3 integer (U18); both are accepted. */
export const payRequestSchema = dotnetObject(
  { language: z.unknown().optional(), accountId: optional(dotnetString()) },
  "Avarda.MyPages.PayRequest",
)

export const payStatusRequestSchema = dotnetObject(
  { purchaseId: optional(dotnetString()), accountId: optional(dotnetString()) },
  "Avarda.MyPages.PayStatusRequest",
)

export const MY_PAGES_KEYS: readonly string[] = [
  ...new Set([...collectKeys(tokenRequestSchema), ...collectKeys(payRequestSchema), ...collectKeys(payStatusRequestSchema)]),
]
