// The three CheckOut2Api error formats become one StandaloneApiError with Avarda's code,
// entries, the shopper's localized text and a message that is safe for logs and the admin.
import { VendorTimeoutError } from "../../../http/errors"
import { commerceFailureKind, maskPersonalData, parseStandaloneError, StandaloneUnreadableAnswerError } from "../errors"

describe("parseStandaloneError", () => {
  it("format 1 (authorize): code, user error, localized text for the shopper", () => {
    const body = {
      ErrorCode: "30154",
      ErrorDetail: null,
      UserErrorMessage: "CreditNotApproved",
      DetailedErrorMessage: "(30154) Application denied. Choose a different payment option",
      LocalizedErrorMessage: "Luottoa lasku- tai tilimaksuun ei voitu myöntää. Ole hyvä ja valitse toinen maksutapa kassalla.",
    }
    const error = parseStandaloneError("avarda.checkout2.authorize.invoice", 400, JSON.stringify(body))
    expect(error).toMatchObject({
      format: "authorize",
      status: 400,
      code: "30154",
      userErrorMessage: "CreditNotApproved",
      localizedMessage: body.LocalizedErrorMessage,
      entries: [{ code: "30154", message: "(30154) Application denied. Choose a different payment option" }],
    })
    expect(error.message).toBe("avarda.checkout2.authorize.invoice: HTTP 400 – 30154 CreditNotApproved: (30154) Application denied. Choose a different payment option")
    expect(error.hasCode("30154")).toBe(true)
  })

  it("format 1 with a validation list: one entry per line", () => {
    const body = {
      ErrorCode: "30100",
      ErrorDetail: "Phone should not be empty.\nSSN is invalid.",
      UserErrorMessage: "InvalidRequest",
      DetailedErrorMessage: "(30100) Phone should not be empty. SSN is invalid.",
      LocalizedErrorMessage: "Phone should not be empty. SSN is invalid.",
    }
    const error = parseStandaloneError("op", 400, JSON.stringify(body))
    expect(error.entries).toEqual([
      { code: "30100", message: "Phone should not be empty." },
      { code: "30100", message: "SSN is invalid." },
    ])
  })

  it("format 2 (commerce): the error array", () => {
    const body = [
      { ErrorCode: "10015", ErrorMessage: "The payment cannot be cancelled: PurchaseOrder, ReturnOrder or Refund has already been called." },
      { ErrorCode: 10001, ErrorMessage: "Reason should not be empty." },
    ]
    const error = parseStandaloneError("avarda.checkout2.cancel-payment", 400, JSON.stringify(body))
    expect(error).toMatchObject({ format: "commerce", code: "10015", entries: [{ code: "10015" }, { code: "10001", message: "Reason should not be empty." }] })
    expect(error.message).toMatch(/HTTP 400 – 10015 The payment cannot be cancelled.*; 10001 Reason should not be empty\.$/)
    expect(error.hasCode("10001")).toBe(true)
  })

  it("format 3: {CheckOutErrorCode, Errors} and Web API's {Message, ModelState} (field names only)", () => {
    const checkout = parseStandaloneError("op", 400, JSON.stringify({ CheckOutErrorCode: 12, Errors: ["Site has no invoice account class associated."] }))
    expect(checkout).toMatchObject({ format: "checkout", code: "12", entries: [{ message: "Site has no invoice account class associated." }] })
    expect(checkout.merchantHint()).toMatch(/invoice account class/)

    const modelState = parseStandaloneError(
      "op",
      400,
      JSON.stringify({ Message: "The request is invalid.", ModelState: { "request.Price": ["Error converting value \"lots\" to type 'System.Decimal'."] } })
    )
    expect(modelState).toMatchObject({ format: "message", entries: [{ message: "Price is invalid" }] })
    expect(modelState.message).toBe("op: HTTP 400 – The request is invalid. (Price)")
    expect(modelState.message).not.toContain("lots")
  })

  it("401 and unknown bodies", () => {
    expect(parseStandaloneError("op", 401, JSON.stringify({ Message: "Authorization has been denied for this request." })).message).toBe(
      "op: HTTP 401 – the site code or site password was refused"
    )
    expect(parseStandaloneError("op", 502, "<html>Bad gateway</html>")).toMatchObject({ format: "unknown", status: 502 })
    expect(parseStandaloneError("op", 500, "").message).toBe("op: HTTP 500 – unexpected answer (empty body)")
  })

  it("never carries the personal ID number or quoted values", () => {
    const body = { ErrorCode: "30200", ErrorDetail: null, UserErrorMessage: "X", DetailedErrorMessage: "SSN 19800501-2003 '198005012003' rejected for \"Storgatan 1\"", LocalizedErrorMessage: "8005012003 nope" }
    const error = parseStandaloneError("op", 400, JSON.stringify(body), ["198005012003"])
    expect(error.message).not.toMatch(/2003|Storgatan/)
    expect(error.localizedMessage).not.toContain("8005012003")
    expect(maskPersonalData("Amount can’t be empty! and can't", [])).toBe("Amount can’t be empty! and can't")
  })
})

describe("commerceFailureKind", () => {
  const commerceError = (status: number) => parseStandaloneError("avarda.checkout2.purchase-order", status, JSON.stringify({ ErrorCode: "10099", ErrorMessage: "refused" }))
  it.each<[string, unknown, string]>([
    ["Avarda's reasons (4xx): refused, nothing done", commerceError(422), "refused"],
    ["the site code or password turned away (401): nothing done, goes through once the settings are right", parseStandaloneError("op", 401, ""), "failed"],
    ["forbidden (403): the same", parseStandaloneError("op", 403, ""), "failed"],
    ["Avarda failed (5xx): nothing done", commerceError(503), "failed"],
    ["no answer in time: it may have been done", new VendorTimeoutError("op", 10_000), "outcome_unknown"],
    ["an answer that cannot be read: it may have been done", new StandaloneUnreadableAnswerError("op: unreadable", "op"), "outcome_unknown"],
  ])("%s", (_case, error, expected) => {
    expect(commerceFailureKind(error)).toBe(expected)
  })
})
