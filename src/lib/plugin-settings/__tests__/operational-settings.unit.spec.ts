import { parseOperationalSettings, sanitizeStoredSettings } from "../operational-settings"

describe("operational settings validation", () => {
  it.each([
    [{ avarda: { captureMode: "later" } }, "avarda.captureMode", 'must be "on_shipment" or "manual"'],
    [{ avarda: { partPaymentTerms: [12, 7] } }, "avarda.partPaymentTerms.1", "each term must be one of 3, 6, 12, 24, 36, 48, 72 months"],
    [{ avarda: { loanTerms: [] } }, "avarda.loanTerms", "must offer at least one term"],
    [{ avarda: { loanTerms: [12, 12] } }, "avarda.loanTerms", "must not repeat a term"],
    [{ avardaStandalone: { captureMode: true } }, "avardaStandalone.captureMode", 'must be "on_shipment" or "manual"'],
    [{ avirato: { captureMode: "manual" } }, "avirato.captureMode", 'must be "auto" or "preauth"'],
    [{ avirato: { captureOnShipment: "yes" } }, "avirato.captureOnShipment", "must be true or false"],
    [{ avirato: { defaultRefundReason: "CUSTOMER_REQUEST" } }, "avirato.defaultRefundReason", "must be one of FRAUD, CUSTOMER REQUEST, RETURN, DUPLICATE, OTHER"],
    [{ avirato: { apiKey: "secret" } }, "avirato", "unknown field(s): apiKey"],
    [{ paypal: {} }, "settings", "unknown field(s): paypal"],
    ["everything", "settings", "must be an object"],
  ])("%j → %s: %s", (input, field, message) => {
    const parsed = parseOperationalSettings(input)
    expect(parsed.success).toBe(false)
    if (!parsed.success) expect(parsed.problems).toContainEqual({ field, message })
  })

  it("accepts partial settings, fills the vendors and sorts terms", () => {
    const parsed = parseOperationalSettings({ avarda: { partPaymentTerms: [36, 12] }, avirato: { defaultRefundReason: "CUSTOMER REQUEST" } })
    expect(parsed).toEqual({
      success: true,
      settings: { avarda: { partPaymentTerms: [12, 36] }, avardaStandalone: {}, avirato: { defaultRefundReason: "CUSTOMER REQUEST" } },
    })
  })

  it("keeps the valid stored fields and drops the rest (e.g. after an upgrade changed a rule)", () => {
    expect(sanitizeStoredSettings({ avarda: { captureMode: "manual", loanTerms: [5] }, avirato: "x", legacy: 1 })).toEqual({
      avarda: { captureMode: "manual" },
      avardaStandalone: {},
      avirato: {},
    })
    expect(sanitizeStoredSettings(null)).toEqual({ avarda: {}, avardaStandalone: {}, avirato: {} })
  })
})
