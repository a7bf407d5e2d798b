import { RETURN_STATE_LIFETIME_MS, returnStateKey, signReturnState, verifyReturnState, type ReturnStateSubject } from "../return-state"
import { returnStateKeyOfConfig, returnStateKeyOfContainer, returnStateKeyOfCradle, requireReturnStateKey, ReturnStateKeyMissingError } from "../server-key"

const key = returnStateKey("jwt-secret-of-this-deployment")
const subject: ReturnStateSubject = { purpose: "avarda-id-validation-return", sessionId: "payses_01JABCDEFGHJKMNPQRSTVWXYZ0" }
const NOW = Date.UTC(2026, 0, 15, 12, 0, 0)

describe("return state", () => {
  it("verifies for the same purpose and session within its lifetime, and is short enough for vendor URL fields", () => {
    const state = signReturnState(key, subject, NOW)
    expect(state).toMatch(/^v1\.[0-9a-z]+\.[A-Za-z0-9_-]{43}$/)
    expect(state.length).toBeLessThanOrEqual(60)
    expect(verifyReturnState(key, state, subject, NOW)).toEqual({ valid: true })
    expect(verifyReturnState(key, state, subject, NOW + RETURN_STATE_LIFETIME_MS - 1000)).toEqual({ valid: true })
    // Same input, same value: a retried session creation gives the vendor the same URL.
    expect(signReturnState(key, subject, NOW)).toBe(state)
  })

  it("expires after its lifetime", () => {
    const state = signReturnState(key, subject, NOW, 60_000)
    expect(verifyReturnState(key, state, subject, NOW + 59_000)).toEqual({ valid: true })
    expect(verifyReturnState(key, state, subject, NOW + 60_000)).toEqual({ valid: false, reason: "expired" })
  })

  it("is no proof for another payment session", () => {
    const state = signReturnState(key, subject, NOW)
    expect(verifyReturnState(key, state, { ...subject, sessionId: "payses_01JZZZZZZZZZZZZZZZZZZZZZZZ" }, NOW)).toEqual({ valid: false, reason: "not_for_this_session" })
  })

  it("is no proof on another return route (single purpose)", () => {
    const state = signReturnState(key, subject, NOW)
    for (const purpose of ["avarda-standalone-electronic-id-return", "avirato-hosted-page-return"] as const) {
      expect(verifyReturnState(key, state, { ...subject, purpose }, NOW)).toEqual({ valid: false, reason: "not_for_this_session" })
    }
  })

  it("is no proof when made with another secret", () => {
    const state = signReturnState(returnStateKey("another-deployment"), subject, NOW)
    expect(verifyReturnState(key, state, subject, NOW)).toEqual({ valid: false, reason: "not_for_this_session" })
  })

  it("refuses every tampered variant: a later expiry, a changed or cut signature, other formats", () => {
    const state = signReturnState(key, subject, NOW, 60_000)
    const [version, expiry, signature] = state.split(".") as [string, string, string]
    const later = (parseInt(expiry, 36) + 86_400).toString(36)
    expect(verifyReturnState(key, `${version}.${later}.${signature}`, subject, NOW)).toEqual({ valid: false, reason: "not_for_this_session" })
    const flipped = signature.slice(0, -1) + (signature.endsWith("A") ? "B" : "A")
    expect(verifyReturnState(key, `${version}.${expiry}.${flipped}`, subject, NOW)).toEqual({ valid: false, reason: "not_for_this_session" })
    for (const malformed of [`${version}.${expiry}.${signature.slice(1)}`, `v2.${expiry}.${signature}`, `${state}.x`, "v1..", "x", `${state}\u0000`]) {
      expect(verifyReturnState(key, malformed, subject, NOW)).toEqual({ valid: false, reason: "malformed" })
    }
    expect(verifyReturnState(key, undefined, subject, NOW)).toEqual({ valid: false, reason: "missing" })
    expect(verifyReturnState(key, "", subject, NOW)).toEqual({ valid: false, reason: "missing" })
  })

  it("refuses to sign without a session, and a state checked against no session proves nothing", () => {
    expect(() => signReturnState(key, { ...subject, sessionId: "" })).toThrow(/payment session id/)
    expect(verifyReturnState(key, signReturnState(key, subject, NOW), { ...subject, sessionId: "" }, NOW)).toEqual({ valid: false, reason: "malformed" })
  })
})

describe("return state key", () => {
  it("comes from Medusa's http.jwtSecret, else JWT_SECRET, and is derived (not the secret itself)", () => {
    const configured = returnStateKeyOfConfig({ projectConfig: { http: { jwtSecret: "configured" } } }, { JWT_SECRET: "from-env" })
    expect(configured?.bytes.equals(returnStateKey("configured").bytes)).toBe(true)
    expect(configured?.bytes.toString("utf8")).not.toContain("configured")
    expect(returnStateKeyOfConfig({}, { JWT_SECRET: "from-env" })?.bytes.equals(returnStateKey("from-env").bytes)).toBe(true)
    expect(returnStateKeyOfConfig(undefined, {})).toBeUndefined()
  })

  it("reads a container and a provider cradle; a container without the config module has no key", () => {
    const config = { projectConfig: { http: { jwtSecret: "s" } } }
    expect(returnStateKeyOfContainer({ resolve: () => config })?.bytes.equals(returnStateKey("s").bytes)).toBe(true)
    expect(returnStateKeyOfCradle({ configModule: config })?.bytes.equals(returnStateKey("s").bytes)).toBe(true)
    const awilixLike = new Proxy({}, { get: (_t, name) => { throw new Error(`Could not resolve '${String(name)}'`) } })
    const saved = process.env.JWT_SECRET
    delete process.env.JWT_SECRET
    try {
      expect(returnStateKeyOfCradle(awilixLike)).toBeUndefined()
      expect(() => requireReturnStateKey(returnStateKeyOfCradle(awilixLike))).toThrow(ReturnStateKeyMissingError)
    } finally {
      if (saved !== undefined) process.env.JWT_SECRET = saved
    }
  })
})
