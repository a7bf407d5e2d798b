// The Payment Module alone (moduleIntegrationTestRunner) has no project config: the providers sign
// return URLs with JWT_SECRET, as Medusa's own config would read it. Import this before the runner.
import { returnStateKey, verifyReturnState, type ReturnStatePurpose } from "../../src/lib/return-state/return-state"

process.env.JWT_SECRET ||= "module-tests-jwt-secret"

/**
 * Checks that `url` carries a state valid for `purpose` and `sessionId` (signed with the module's
 * key) and returns the URL without it, to compare the rest exactly.
 */
export function withoutVerifiedState(url: string, purpose: ReturnStatePurpose, sessionId: string): string {
  const parsed = new URL(url)
  const check = verifyReturnState(returnStateKey(process.env.JWT_SECRET!), parsed.searchParams.get("state") ?? undefined, { purpose, sessionId })
  if (!check.valid) throw new Error(`${url}: no valid return state (${check.reason})`)
  parsed.searchParams.delete("state")
  return parsed.toString()
}
