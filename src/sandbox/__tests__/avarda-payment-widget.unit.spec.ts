import { decodeJwt } from "jose"
import { aprDataOf } from "../avarda/my-pages/apr"
import { INVOICE_FEE_MINOR, LOAN_INTEREST_PERCENT } from "../avarda/my-pages/accounts"
import { bearer, getJson, postJson, useAvardaSandbox } from "./avarda-test-helpers"

const t = useAvardaSandbox()
const api = () => `${t.sandbox.origin}/avarda/checkout-api`

async function partnerToken(): Promise<string> {
  const { clientId, clientSecret } = t.sandbox.settings.avarda
  const res = await postJson(`${api()}/api/partner/tokens`, { clientId, clientSecret })
  expect(res.status).toBe(200)
  expect(Date.parse(res.body.tokenExpirationUtc)).toBeGreaterThan(t.sandbox.clock.now().getTime())
  return res.body.token as string
}

async function init() {
  const res = await getJson(`${api()}/api/paymentwidget/partner/init`, bearer(await partnerToken()))
  expect(res.status).toBe(200)
  return res.body as { paymentId: string; widgetJwt: string; expiredUtc: string }
}

const offer = (query: Record<string, string>) => getJson(`${t.sandbox.origin}/avarda/payment-widget/api/offer?${new URLSearchParams(query)}`)

describe("checkout API: partner token and paymentwidget/partner/init", () => {
  it("hands out a payment id and a widget JWT valid until expiredUtc (7 fractional digits, UTC)", async () => {
    const answer = await init()
    expect(answer.paymentId).toMatch(/^[0-9a-f-]{36}$/)
    expect(answer.expiredUtc).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{7}Z$/)
    expect(Date.parse(answer.expiredUtc) - t.sandbox.clock.now().getTime()).toBeGreaterThan(3590_000)
    expect(decodeJwt(answer.widgetJwt)).toMatchObject({ paymentId: answer.paymentId, exp: Math.floor(Date.parse(answer.expiredUtc) / 1000) })
    expect(t.sandbox.journal.entries({ route: "avarda.paymentwidget.init" })).toHaveLength(1)
    expect(t.control.listPaymentWidgetSessions().map((s) => s.paymentId)).toEqual([answer.paymentId])
  })

  it("answers 401 like the other Avarda APIs: no token, an unknown token, another API's token, an expired token", async () => {
    const path = `${api()}/api/paymentwidget/partner/init`
    expect((await getJson(path)).status).toBe(401)
    expect((await getJson(path, bearer("not-a-token"))).headers.get("www-authenticate")).toContain('error="invalid_token"')
    const { clientId, clientSecret } = t.sandbox.settings.avarda
    const myPages = await postJson(`${t.mp}/auth/token`, { clientId, clientSecret })
    expect((await getJson(path, bearer(myPages.body.token))).status).toBe(401)
    const token = await partnerToken()
    t.control.expireAccessTokens()
    expect((await getJson(path, bearer(token))).status).toBe(401)
  })

  it("refuses wrong or missing client credentials on the token endpoint", async () => {
    expect((await postJson(`${api()}/api/partner/tokens`, { clientId: "x", clientSecret: "y" })).status).toBe(401)
    const missing = await postJson(`${api()}/api/partner/tokens`, {})
    expect(missing.status).toBe(400)
    expect(missing.body.errors).toEqual({ ClientId: ["The ClientId field is required."], ClientSecret: ["The ClientSecret field is required."] })
  })
})

describe("the stand-in widget script and its figures", () => {
  it("serves one script that defines both custom elements and reads the init result from its tag", async () => {
    const res = await fetch(`${t.sandbox.origin}/avarda/payment-widget/cdn/payment-widget.js`)
    expect(res.status).toBe(200)
    expect(res.headers.get("content-type")).toMatch(/javascript/)
    const text = await res.text()
    expect(text).toContain('customElements.define("avarda-payment-widget"')
    expect(text).toContain('customElements.define("avarda-apr-widget"')
    expect(text).toContain("data-widget-jwt")
    expect(text).toContain("data-paymentid")
    expect(text).toMatch(/Avarda sandbox/)
  })

  it("computes the monthly cost of a loan and of an interest-free part payment from the sandbox's credit terms", async () => {
    const { paymentId, widgetJwt } = await init()
    const loan = await offer({ paymentId, widgetJwt, price: "12000", paymentMethod: "loan" })
    expect(loan.status).toBe(200)
    expect(loan.headers.get("access-control-allow-origin")).toBe("*")
    const expectedLoan = aprDataOf({ creditAmountMinor: 1_200_000, months: 72, interestRatePercent: LOAN_INTEREST_PERCENT.loan, invoiceFeeMinor: INVOICE_FEE_MINOR.SEK })
    expect(loan.body).toMatchObject({ kind: "instalments", product: "loan", currency: "SEK", price: 12000, example: expectedLoan })
    expect(loan.body.terms.map((term: { months: number }) => term.months)).toEqual([12, 24, 36, 48, 72])

    const partPayment = await offer({ paymentId, widgetJwt, price: "499", paymentMethod: "loan", accountClass: "1782" })
    expect(partPayment.body).toMatchObject({ kind: "instalments", product: "part-payment", example: { months: 36, interestRate: 0 } })
    // Interest-free, but the monthly fee still gives the credit a cost: the effective rate is above 0.
    expect(partPayment.body.example.percent).toBeGreaterThan(0)
    expect(partPayment.body.example.perMonth).toBeCloseTo(499 / 36 + 29, 1)
  })

  it("describes invoices as interest free within their term", async () => {
    const { paymentId, widgetJwt } = await init()
    expect((await offer({ paymentId, widgetJwt, price: "250", paymentMethod: "invoice" })).body).toEqual({
      kind: "invoice",
      product: "invoice",
      currency: "SEK",
      price: 250,
      days: 30,
      fee: 0,
      percent: 0,
    })
  })

  it("refuses an unknown or expired widget JWT and a malformed price", async () => {
    const { paymentId, widgetJwt } = await init()
    expect((await offer({ paymentId, widgetJwt: `${widgetJwt}x`, price: "100" })).status).toBe(401)
    expect((await offer({ paymentId, widgetJwt, price: "1,5" })).status).toBe(400)
    expect((await offer({ paymentId, widgetJwt, price: "100", paymentMethod: "cash" })).body.detail).toMatch(/payment-method/)
    t.sandbox.clock.advance(3601_000)
    const expired = await offer({ paymentId, widgetJwt, price: "100" })
    expect(expired.status).toBe(401)
    expect(expired.body.detail).toMatch(/expired/)
  })
})
