import { returnStateKey, signReturnState } from "../../../lib/return-state/return-state"
import { isReturnUrlOf, returnUrls } from "../core/return-urls"

const KEY = returnStateKey("this-store-jwt-secret")

describe("isReturnUrlOf: a session's urlOk proves which store created it", () => {
  it("accepts this store's urlOk for its own payment session, also once its state expired", () => {
    const { ok } = returnUrls("https://shop.example.com", "payses_01ABC", KEY)
    expect(isReturnUrlOf(ok, "payses_01ABC", KEY)).toBe(true)
    const expired = new URL(ok)
    expired.searchParams.set("state", signReturnState(KEY, { purpose: "avirato-hosted-page-return", sessionId: "payses_01ABC" }, Date.now() - 48 * 3600_000))
    expect(isReturnUrlOf(expired.toString(), "payses_01ABC", KEY)).toBe(true)
  })

  it.each([
    ["another store's key", returnUrls("https://shop.example.com", "payses_01ABC", returnStateKey("another-store")).ok, "payses_01ABC"],
    ["another payment session", returnUrls("https://shop.example.com", "payses_01XYZ", KEY).ok, "payses_01ABC"],
    ["a state without the session", "https://shop.example.com/avirato/return?state=v1.abc.def", "payses_01ABC"],
    ["another route", returnUrls("https://shop.example.com", "payses_01ABC", KEY).ok.replace("/avirato/return", "/elsewhere"), "payses_01ABC"],
    ["no URL", undefined, "payses_01ABC"],
    ["not a URL", "not a url", "payses_01ABC"],
  ])("refuses %s", (_label, urlOk, sessionId) => {
    expect(isReturnUrlOf(urlOk, sessionId, KEY)).toBe(false)
  })
})
