// The signed `state` a return route wants, made with the app's own key: for tests that send a
// browser straight to a return route (a reload, an early or forged return) as the shopper's flow would.
import type { MedusaContainer } from "@medusajs/framework/types"
import { signReturnState, type ReturnStatePurpose } from "../../src/lib/return-state/return-state"
import { returnStateKeyOfContainer } from "../../src/lib/return-state/server-key"

export function returnStateFor(container: MedusaContainer, purpose: ReturnStatePurpose, sessionId: string): string {
  const key = returnStateKeyOfContainer(container)
  if (!key) throw new Error("the app has no return-state key (projectConfig.http.jwtSecret)")
  return signReturnState(key, { purpose, sessionId })
}

/** The return URL's `state`, and the URL without it (to compare the rest exactly). */
export function splitState(url: string): { state: string | null; rest: string } {
  const parsed = new URL(url)
  const state = parsed.searchParams.get("state")
  parsed.searchParams.delete("state")
  return { state, rest: parsed.toString() }
}

export const STATE_PATTERN = /^v1\.[0-9a-z]+\.[A-Za-z0-9_-]{43}$/
