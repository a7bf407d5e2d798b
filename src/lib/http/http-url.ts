import { z } from "zod"

/** An absolute http:// or https:// URL. */
export function isHttpUrl(value: string): boolean {
  try {
    return ["http:", "https:"].includes(new URL(value).protocol)
  } catch {
    return false
  }
}

/** A plugin option that must be an absolute http(s) URL; `what` names it in the error. */
export const httpUrlOption = (what: string) =>
  z.string({ error: `must be ${what} (an absolute http(s) URL)` }).refine(isHttpUrl, `must be ${what} (an absolute http(s) URL)`)
