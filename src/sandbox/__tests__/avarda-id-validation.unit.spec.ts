import { AVARDA_TEST_IDENTITIES } from "../avarda/test-identities"
import {
  authorizationApiToken,
  authorizationRequest,
  bearer,
  getJson,
  postForm,
  postJson,
  startAvardaSandbox,
  useAuthorizationApiBearer,
  useAvardaSandbox,
} from "./avarda-test-helpers"

const ID = AVARDA_TEST_IDENTITIES.SE
const CALLBACK = "https://shop.example/avarda/return?cart=42"
const t = useAvardaSandbox()
const auth = useAuthorizationApiBearer(t)

async function pending(identity: string = ID.idValidationRequired, overrides: Record<string, unknown> = {}) {
  const res = await postJson(`${t.aa}/authorization/invoice`, authorizationRequest("SE", identity, overrides), auth)
  expect(res.status).toBe(202)
  return { id: res.body.authorizationId as string, redirectUrl: res.body.redirectUrl as string }
}
const status = async (id: string) => (await getJson(`${t.aa}/authorization/${id}`, auth)).body

function callbackParams(location: string | null) {
  const url = new URL(location!)
  expect(`${url.origin}${url.pathname}`).toBe("https://shop.example/avarda/return")
  return Object.fromEntries(url.searchParams)
}

describe("ID-validation page", () => {
  it("shows an HTML page with the three actions as a form", async () => {
    const { id, redirectUrl } = await pending()
    const res = await fetch(redirectUrl)
    expect(res.status).toBe(200)
    expect(res.headers.get("content-type")).toContain("text/html")
    const html = await res.text()
    expect(html).toContain(`<form method="post" action="/avarda/pages/id-validation/${id}">`)
    expect(html).toContain('name="action" value="identify">Identify</button>')
    expect(html).toContain('name="action" value="someone-else">Identify as someone else</button>')
    expect(html).toContain('name="action" value="cancel">Cancel</button>')
    expect(html).toContain("BankID")
    expect(html).toContain("ORDER-1001")
  })

  it("Identify approves and redirects to the callback with authorizationId and orderId", async () => {
    const { id, redirectUrl } = await pending()
    const res = await postForm(redirectUrl, { action: "identify" })
    expect(res.status).toBe(302)
    expect(callbackParams(res.headers.get("location"))).toEqual({ cart: "42", authorizationId: id, orderId: "ORDER-1001" })
    expect(await status(id)).toMatchObject({ status: 0, creditLimit: 50000, inBackOffice: true })
  })

  it("Cancel fails with errorCode 51, Identify as someone else with 52", async () => {
    const first = await pending()
    const cancelled = await postForm(first.redirectUrl, { action: "cancel" })
    expect(cancelled.status).toBe(302)
    expect(callbackParams(cancelled.headers.get("location"))).toEqual({ cart: "42", authorizationId: first.id, orderId: "ORDER-1001", errorCode: "51" })
    expect(await status(first.id)).toMatchObject({ status: 1, errorCode: 51, errorMessage: "ID-valideringen misslyckades" })

    const second = await pending()
    const someoneElse = await postForm(second.redirectUrl, { action: "someone-else" })
    expect(callbackParams(someoneElse.headers.get("location")).errorCode).toBe("52")
    expect(await status(second.id)).toMatchObject({ status: 1, errorCode: 52 })
  })

  it("fails even on Identify for the identities whose validation fails (51 / 52)", async () => {
    for (const [identity, code] of [
      [ID.idValidationFailsAtProvider, "51"],
      [ID.idValidationDifferentPerson, "52"],
    ] as const) {
      const { id, redirectUrl } = await pending(identity)
      const res = await postForm(redirectUrl, { action: "identify" })
      expect(callbackParams(res.headers.get("location")).errorCode).toBe(code)
      expect((await status(id)).errorCode).toBe(Number(code))
    }
  })

  it("times out after idValidationTimeoutMs (status 2, code 50); a late visitor is sent back with errorCode 50", async () => {
    const { id, redirectUrl } = await pending()
    t.sandbox.clock.advance(16 * 60 * 1000)
    expect(await status(id)).toMatchObject({ status: 2, errorCode: 50 })
    const page = await fetch(redirectUrl)
    expect(page.status).toBe(409)
    const late = await postForm(redirectUrl, { action: "identify" })
    expect(late.status).toBe(302)
    expect(callbackParams(late.headers.get("location")).errorCode).toBe("50")
    expect((await status(id)).status).toBe(2)
  })

  it("uses the configured timeout", async () => {
    const other = await startAvardaSandbox({ avarda: { idValidationTimeoutMs: 60_000 } })
    try {
      const headers = bearer(await authorizationApiToken(other))
      const created = await postJson(`${other.aa}/authorization/invoice`, authorizationRequest("SE", ID.idValidationRequired), headers)
      other.sandbox.clock.advance(61_000)
      expect((await getJson(`${other.aa}/authorization/${created.body.authorizationId}`, headers)).body.status).toBe(2)
    } finally {
      await other.sandbox.stop()
    }
  })

  it("does not change a finished validation: a second submit redirects with the result that stands", async () => {
    const { id, redirectUrl } = await pending()
    await postForm(redirectUrl, { action: "identify" })
    const again = await postForm(redirectUrl, { action: "cancel" })
    expect(again.status).toBe(302)
    expect(callbackParams(again.headers.get("location")).errorCode).toBeUndefined()
    expect((await status(id)).status).toBe(0)
  })

  it("falls back to the default callback URL, or shows a result page when there is none", async () => {
    const noCallback = await pending(ID.idValidationRequired, { idValidationCallbackUrl: undefined })
    const page = await postForm(noCallback.redirectUrl, { action: "identify" })
    expect(page.status).toBe(200)
    expect(page.text).toContain("ID validation finished")

    const other = await startAvardaSandbox({ avarda: { defaultIdValidationCallbackUrl: "https://default.example/cb" } })
    try {
      const headers = bearer(await authorizationApiToken(other))
      const body = authorizationRequest("SE", ID.idValidationRequired, { idValidationCallbackUrl: undefined })
      const created = await postJson(`${other.aa}/authorization/invoice`, body, headers)
      const res = await postForm(created.body.redirectUrl, { action: "someone-else" })
      expect(res.headers.get("location")).toBe(
        `https://default.example/cb?authorizationId=${created.body.authorizationId}&orderId=ORDER-1001&errorCode=52`,
      )
    } finally {
      await other.sandbox.stop()
    }
  })

  it("answers 404 for unknown ids and 400 for unknown actions", async () => {
    const { redirectUrl } = await pending()
    expect((await postForm(redirectUrl, { action: "dance" })).status).toBe(400)
    expect((await fetch(`${t.sandbox.origin}/avarda/pages/id-validation/nope`)).status).toBe(404)
    expect((await postForm(`${t.sandbox.origin}/avarda/pages/id-validation/nope`, { action: "identify" })).status).toBe(404)
  })

  it("can be completed through the control object and the control route", async () => {
    const first = await pending()
    expect(t.control.completeIdValidation(first.id)).toEqual({
      status: 0,
      errorCode: undefined,
      callbackUrl: `${CALLBACK}&authorizationId=${first.id}&orderId=ORDER-1001`,
    })
    expect(() => t.control.completeIdValidation(first.id)).toThrow(/not waiting/)
    const second = await pending()
    const res = await postJson(`${t.sandbox.origin}/__sandbox/avarda/authorizations/${second.id}/id-validation`, { action: "cancel" })
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ status: 1, errorCode: 51 })
  })
})
