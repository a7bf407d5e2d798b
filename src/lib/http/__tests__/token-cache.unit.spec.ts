import { TokenCache, withTokenRetry } from "../token-cache"

describe("TokenCache", () => {
  it("fetches once for many concurrent callers (single-flight) and reuses the token", async () => {
    let now = 0
    let fetched = 0
    const fetchToken = jest.fn(async () => ({ value: `t${++fetched}`, expiresAt: now + 3_600_000 }))
    const cache = new TokenCache({ fetchToken, now: () => now })
    const tokens = await Promise.all(Array.from({ length: 20 }, () => cache.get()))
    expect(new Set(tokens)).toEqual(new Set(["t1"]))
    expect(fetchToken).toHaveBeenCalledTimes(1)
    now += 54 * 60_000
    expect(await cache.get()).toBe("t1")
    expect(fetchToken).toHaveBeenCalledTimes(1)
  })

  it("refreshes 5 minutes before expiry", async () => {
    let now = 0
    let n = 0
    const cache = new TokenCache({ fetchToken: async () => ({ value: `t${++n}`, expiresAt: now + 3_600_000 }), now: () => now })
    expect(await cache.get()).toBe("t1")
    now = 3_600_000 - 5 * 60_000
    expect(await cache.get()).toBe("t2")
  })

  it("hands out a fresh cached token at once, and nothing while one has to be fetched", async () => {
    let now = 0
    let n = 0
    const cache = new TokenCache({ fetchToken: async () => ({ value: `t${++n}`, expiresAt: now + 3_600_000 }), now: () => now })
    expect(cache.fresh()).toBeUndefined()
    expect(await cache.get()).toBe("t1")
    expect(cache.fresh()).toBe("t1")
    now = 3_600_000 - 5 * 60_000
    expect(cache.fresh()).toBeUndefined()
    expect(await cache.get()).toBe("t2")
    cache.invalidate("t2")
    expect(cache.fresh()).toBeUndefined()
  })

  it("lets the next caller retry after a failed fetch", async () => {
    let fail = true
    const cache = new TokenCache({
      fetchToken: async () => {
        if (fail) throw new Error("token endpoint down")
        return { value: "ok", expiresAt: Date.now() + 3_600_000 }
      },
    })
    await expect(cache.get()).rejects.toThrow("token endpoint down")
    fail = false
    expect(await cache.get()).toBe("ok")
  })
})

describe("withTokenRetry", () => {
  const unauthorized = Object.assign(new Error("401"), { status: 401 })
  const isUnauthorized = (e: unknown) => (e as { status?: number }).status === 401

  it("retries once with a fresh token after a 401", async () => {
    let n = 0
    const cache = new TokenCache({ fetchToken: async () => ({ value: `t${++n}`, expiresAt: Date.now() + 3_600_000 }) })
    const seen: string[] = []
    const result = await withTokenRetry(
      cache,
      async (token) => {
        seen.push(token)
        if (token === "t1") throw unauthorized
        return "done"
      },
      isUnauthorized
    )
    expect(result).toBe("done")
    expect(seen).toEqual(["t1", "t2"])
  })

  it("gives up after the second 401 and does not retry other errors", async () => {
    let n = 0
    const cache = new TokenCache({ fetchToken: async () => ({ value: `t${++n}`, expiresAt: Date.now() + 3_600_000 }) })
    const calls = jest.fn(async () => {
      throw unauthorized
    })
    await expect(withTokenRetry(cache, calls, isUnauthorized)).rejects.toBe(unauthorized)
    expect(calls).toHaveBeenCalledTimes(2)

    const other = jest.fn(async () => {
      throw new Error("500")
    })
    await expect(withTokenRetry(cache, other, isUnauthorized)).rejects.toThrow("500")
    expect(other).toHaveBeenCalledTimes(1)
  })
})
