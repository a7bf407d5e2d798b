import { OneTimeHandoff, processWideHandoff } from "../one-time-handoff"

describe("OneTimeHandoff", () => {
  it("hands a value over once, by an unguessable 256-bit reference", () => {
    const store = new OneTimeHandoff<{ ssn: string }>()
    const ref = store.put({ ssn: "x" })
    expect(ref).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect(store.take(ref)).toEqual({ ssn: "x" })
    expect(store.take(ref)).toBeUndefined()
    expect(store.take("unknown")).toBeUndefined()
    expect(store.take(undefined)).toBeUndefined()
    expect(new Set(Array.from({ length: 50 }, () => store.put({ ssn: "y" }))).size).toBe(50)
  })

  it("forgets values after the TTL", () => {
    let now = 0
    const store = new OneTimeHandoff<string>({ ttlMs: 1000, now: () => now })
    const ref = store.put("v")
    const other = store.put("w")
    now = 1000
    expect(store.take(ref)).toBeUndefined()
    expect(store.size).toBe(0)
    expect(store.take(other)).toBeUndefined()
  })

  it("is one store per name for the whole process", () => {
    const a = processWideHandoff<string>("test-store")
    const b = processWideHandoff<string>("test-store")
    expect(a).toBe(b)
    expect(b.take(a.put("v"))).toBe("v")
  })
})
