import type { AviratoSession } from "../../../lib/avirato"
import { RECENT_CONFIRMATION_MS, RecentConfirmations } from "../core/recent-confirmations"

const session = (sessionId: string) => ({ sessionId, status: "PAID" }) as unknown as AviratoSession

describe("RecentConfirmations", () => {
  it("gives a paid answer back once, for the same session only", () => {
    const confirmations = new RecentConfirmations()
    confirmations.remember(session("S1"))
    expect(confirmations.take("S2")).toBeUndefined()
    expect(confirmations.take("S1")).toEqual(session("S1"))
    expect(confirmations.take("S1")).toBeUndefined()
  })

  it("forgets an answer older than the window", () => {
    let now = 1_000_000
    const confirmations = new RecentConfirmations(() => now)
    confirmations.remember(session("S1"))
    confirmations.remember(session("S2"))
    now += RECENT_CONFIRMATION_MS
    expect(confirmations.take("S1")).toEqual(session("S1"))
    now += 1
    expect(confirmations.take("S2")).toBeUndefined()
  })

  it("keeps at most 1000 answers, dropping the oldest", () => {
    const confirmations = new RecentConfirmations()
    for (let i = 0; i <= 1000; i++) confirmations.remember(session(`S${i}`))
    expect(confirmations.take("S0")).toBeUndefined()
    expect(confirmations.take("S1")).toEqual(session("S1"))
    expect(confirmations.take("S1000")).toEqual(session("S1000"))
  })
})
