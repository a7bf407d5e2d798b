import type { MedusaRequest } from "@medusajs/framework/http"

/**
 * The query parameters `names` of a vendor's redirect, read tolerantly: any capitalisation
 * (`AuthorizationID`, `ExternalId`), the first value of a repeated name, and — with
 * `strayQuestionMarks` — a second `?` read as `&` (Avarda appends `?authorizationId=…` to a return
 * URL that already has a query). Empty values count as absent.
 */
export function vendorQuery<N extends string>(req: MedusaRequest, names: readonly N[], { strayQuestionMarks = false } = {}): Partial<Record<N, string>> {
  const raw = req.originalUrl ?? req.url ?? ""
  let search = raw.includes("?") ? raw.slice(raw.indexOf("?") + 1) : ""
  if (strayQuestionMarks) search = search.replace(/\?/g, "&")
  const found: Partial<Record<N, string>> = {}
  for (const [key, value] of new URLSearchParams(search)) {
    const name = names.find((candidate) => candidate.toLowerCase() === key.toLowerCase())
    if (name && value && found[name] === undefined) found[name] = value
  }
  return found
}
