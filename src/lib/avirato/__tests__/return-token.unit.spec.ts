import { verifyReturnToken } from "../return-token"

// Tokens built once with Python's hmac/hashlib (independently of jose and of the code under test):
// payload {"sessionId":"SHOP01-EXTT-17195000001234","paymentReference":"KVGQSN3K2SKFNVNS",
// "customReference":"payses_01TEST","amount":{"value":5045,"currency":"EUR"},"status":"completed",
// "paymentStatus":"AUTHORISED","isPreAuth":false,"iat":1719500000,"exp":1719500900}, secret "jwt_current".
const PAYLOAD =
  "eyJzZXNzaW9uSWQiOiJTSE9QMDEtRVhUVC0xNzE5NTAwMDAwMTIzNCIsInBheW1lbnRSZWZlcmVuY2UiOiJLVkdRU04zSzJTS0ZOVk5TIiwiY3VzdG9tUmVmZXJlbmNlIjoicGF5c2VzXzAxVEVTVCIsImFtb3VudCI6eyJ2YWx1ZSI6NTA0NSwiY3VycmVuY3kiOiJFVVIifSwic3RhdHVzIjoiY29tcGxldGVkIiwicGF5bWVudFN0YXR1cyI6IkFVVEhPUklTRUQiLCJpc1ByZUF1dGgiOmZhbHNlLCJpYXQiOjE3MTk1MDAwMDAsImV4cCI6MTcxOTUwMDkwMH0"
const VALID = `eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.${PAYLOAD}.ZtGmsVXj_EDEORHoTstPJ2suqUUhTlDbJHuVwviXV_Y`
const HS512 = `eyJhbGciOiJIUzUxMiIsInR5cCI6IkpXVCJ9.${PAYLOAD}.BYVxZGS8EocGRkAQJwXx-xofe-Eq6OnYYqK-Cyt8UHaJZS23j9Og612PxLibw4Z3_-aJa6osExo_NUBNecqFVw`
const ALG_NONE = `eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0.${PAYLOAD}.`
// Same signature, amount in the payload changed to 1.
const TAMPERED =
  "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzZXNzaW9uSWQiOiJTSE9QMDEtRVhUVC0xNzE5NTAwMDAwMTIzNCIsInBheW1lbnRSZWZlcmVuY2UiOiJLVkdRU04zSzJTS0ZOVk5TIiwiY3VzdG9tUmVmZXJlbmNlIjoicGF5c2VzXzAxVEVTVCIsImFtb3VudCI6eyJ2YWx1ZSI6MSwiY3VycmVuY3kiOiJFVVIifSwic3RhdHVzIjoiY29tcGxldGVkIiwicGF5bWVudFN0YXR1cyI6IkFVVEhPUklTRUQiLCJpc1ByZUF1dGgiOmZhbHNlLCJpYXQiOjE3MTk1MDAwMDAsImV4cCI6MTcxOTUwMDkwMH0.ZtGmsVXj_EDEORHoTstPJ2suqUUhTlDbJHuVwviXV_Y"

const IN_LIFETIME = new Date(1719500100 * 1000)
const EXPECTED = {
  sessionId: "SHOP01-EXTT-17195000001234",
  customReference: "payses_01TEST",
  amount: { value: 5045, currency: "EUR" },
}

describe("verifyReturnToken", () => {
  it("accepts a token signed with the current secret and reads its claims", async () => {
    const result = await verifyReturnToken(VALID, ["jwt_current"], EXPECTED, IN_LIFETIME)
    expect(result).toMatchObject({
      valid: true,
      secretIndex: 0,
      claims: {
        sessionId: "SHOP01-EXTT-17195000001234",
        paymentReference: "KVGQSN3K2SKFNVNS",
        customReference: "payses_01TEST",
        amount: { value: 5045, currency: "EUR" },
        paymentStatus: "AUTHORISED",
      },
    })
  })

  it("accepts a token signed with a previous secret during rotation", async () => {
    const result = await verifyReturnToken(VALID, ["jwt_new", "jwt_current"], EXPECTED, IN_LIFETIME)
    expect(result).toMatchObject({ valid: true, secretIndex: 1 })
  })

  it("matches on customReference alone when the sessionId is not known yet", async () => {
    const result = await verifyReturnToken(VALID, ["jwt_current"], { customReference: "payses_01TEST", amount: EXPECTED.amount }, IN_LIFETIME)
    expect(result.valid).toBe(true)
  })

  it.each([
    ["wrong secret", VALID, ["jwt_other"], EXPECTED, IN_LIFETIME, "bad_signature"],
    ["tampered payload", TAMPERED, ["jwt_current"], EXPECTED, IN_LIFETIME, "bad_signature"],
    ["HS512 (algorithm not pinned)", HS512, ["jwt_current"], EXPECTED, IN_LIFETIME, "algorithm_not_allowed"],
    ["alg none", ALG_NONE, ["jwt_current"], EXPECTED, IN_LIFETIME, "algorithm_not_allowed"],
    ["not a JWT", "hello", ["jwt_current"], EXPECTED, IN_LIFETIME, "malformed"],
    ["expired", VALID, ["jwt_current"], EXPECTED, new Date(1719501000 * 1000), "expired"],
    ["another Medusa session", VALID, ["jwt_current"], { ...EXPECTED, customReference: "payses_OTHER" }, IN_LIFETIME, "session_mismatch"],
    ["another Avirato session", VALID, ["jwt_current"], { ...EXPECTED, sessionId: "SHOP01-EXTT-1" }, IN_LIFETIME, "session_mismatch"],
    ["nothing to match on", VALID, ["jwt_current"], { amount: EXPECTED.amount }, IN_LIFETIME, "session_mismatch"],
    ["another amount", VALID, ["jwt_current"], { ...EXPECTED, amount: { value: 5046, currency: "EUR" } }, IN_LIFETIME, "amount_mismatch"],
    ["another currency", VALID, ["jwt_current"], { ...EXPECTED, amount: { value: 5045, currency: "GBP" } }, IN_LIFETIME, "amount_mismatch"],
  ] as const)("rejects: %s", async (_name, token, secrets, expected, now, reason) => {
    expect(await verifyReturnToken(token, [...secrets], expected, now)).toEqual({ valid: false, reason })
  })
})
