import { AVARDA_TEST_IDENTITIES } from "../avarda/test-identities"
import { AUTHORIZE_INVOICE_EID_EXAMPLE as DOCUMENTED_EXAMPLE } from "../../__tests__/fixtures/avarda-standalone-example-request"
import { basicAuth, postForm, postJson, standaloneRequest, useAvardaSandbox } from "./avarda-test-helpers"

const ID = AVARDA_TEST_IDENTITIES
const t = useAvardaSandbox()

const api = (path: string, body: unknown, headers: Record<string, string> = basicAuth(t)) => postJson(`${t.c2}/CheckOut2Api/${path}`, body, headers)
const authorize = (body: unknown, path = "v2/AuthorizeInvoiceEID") => api(path, body)
const paymentStatus = async (purchaseId: string) => (await api("GetPaymentStatus", { PurchaseId: purchaseId })).body


describe("HTTP Basic authentication", () => {
  it("answers 401 without or with wrong Site Code / Site Password", async () => {
    for (const headers of [{}, basicAuth(t, "WRONG", "creds"), { authorization: "Bearer x" }]) {
      const res = await api("v2/AuthorizeInvoiceEID", DOCUMENTED_EXAMPLE, headers)
      expect(res.status).toBe(401)
      expect(res.headers.get("www-authenticate")).toBe('Basic realm="CheckOut2Api"')
      expect(res.body).toEqual({ Message: "Authorization has been denied for this request." })
    }
    expect((await api("GetPaymentStatus", { PurchaseId: "x" }, {})).status).toBe(401)
  })
})

describe("AuthorizeInvoiceEID and the other authorize methods", () => {
  it("accepts the documented example request and answers the documented output shape", async () => {
    const res = await authorize(DOCUMENTED_EXAMPLE)
    expect(res.status).toBe(200)
    expect(Object.keys(res.body)).toEqual([
      "ExternalId",
      "AccountNumber",
      "FirstName",
      "LastName",
      "RequireDeliveryAuthorization",
      "CreditLimit",
      "ErrorType",
      "ErrorMessage",
    ])
    expect(res.body).toMatchObject({
      FirstName: "Testname",
      LastName: "Testlastname",
      RequireDeliveryAuthorization: false,
      CreditLimit: 50000,
      ErrorType: 0,
      ErrorMessage: null,
    })
    expect(res.body.ExternalId).toMatch(/^[0-9a-f]{32}$/)
    expect(res.body.AccountNumber).toMatch(/^\d{15}$/)
  })

  it("serves the direct-invoice, loan (v2) and part-payment (no v2) variants", async () => {
    const paths = ["v2/AuthorizeDirectInvoiceEID", "v2/AuthorizeLoanEID", "AuthorizePartPaymentEID"]
    for (const path of paths) {
      const res = await authorize(standaloneRequest("SE", ID.SE.approved, { PaymentTerms: 12 }), path)
      expect([path, res.status]).toEqual([path, 200])
    }
    expect((await authorize(standaloneRequest("SE", ID.SE.approved), "v2/AuthorizeLoanEID")).body.ErrorDetail).toBe("Payment Terms should not be empty.")
    expect((await authorize(standaloneRequest("SE", ID.SE.approved), "AuthorizePartPaymentEID")).status).toBe(400)
    expect((await postJson(`${t.c2}/checkout2api/v2/authorizeinvoiceeid`, standaloneRequest(), basicAuth(t))).status).toBe(200)
  })

  it("answers the documented error object for a credit rejection, localized by UserLanguageCode", async () => {
    const res = await authorize(standaloneRequest("FI", ID.FI.rejectedCreditNotApproved))
    expect(res.status).toBe(400)
    expect(res.body).toEqual({
      ErrorCode: "30154",
      ErrorDetail: null,
      UserErrorMessage: "CreditNotApproved",
      DetailedErrorMessage: "(30154) Application denied. Choose a different payment option",
      LocalizedErrorMessage: "Luottoa lasku- tai tilimaksuun ei voitu myöntää. Ole hyvä ja valitse toinen maksutapa kassalla.",
    })
    for (const identity of [ID.SE.rejectedAddressMismatch, ID.SE.rejectedAmount, ID.SE.rejectedInvalidIdentity]) {
      expect((await authorize(standaloneRequest("SE", identity))).body.ErrorCode).toBe("30154")
    }
  })

  it("answers 500 with the same error shape for technical errors", async () => {
    const internal = await authorize(standaloneRequest("SE", ID.SE.technicalError))
    expect(internal.status).toBe(500)
    expect(internal.body).toMatchObject({ ErrorCode: "30900", UserErrorMessage: "InternalError", ErrorDetail: null })
    expect(Object.keys(internal.body)).toEqual(["ErrorCode", "ErrorDetail", "UserErrorMessage", "DetailedErrorMessage", "LocalizedErrorMessage"])
    expect((await authorize(standaloneRequest("SE", ID.SE.serviceTimeout))).body.ErrorCode).toBe("30901")
  })

  it("answers Web API's {Message, ModelState} for a body that cannot be bound", async () => {
    const res = await authorize({ ...standaloneRequest(), Price: "lots" })
    expect(res.status).toBe(400)
    expect(res.body.Message).toBe("The request is invalid.")
    expect(Object.keys(res.body.ModelState)).toEqual(["request.Price"])
    expect((await authorize("{broken")).body.Message).toBe("The request is invalid.")
  })
})

describe("AuthorizeInvoiceEID validation (the vendor's message list)", () => {
  const detail = async (overrides: Record<string, unknown>, path?: string) => {
    const res = await authorize({ ...standaloneRequest(), ...overrides }, path)
    expect(res.status).toBe(400)
    expect(res.body).toMatchObject({ ErrorCode: "30100", UserErrorMessage: "InvalidRequest" })
    expect(res.body.DetailedErrorMessage).toBe(`(30100) ${res.body.ErrorDetail.split("\n").join(" ")}`)
    return (res.body.ErrorDetail as string).split("\n")
  }
  const long = (n: number) => "x".repeat(n + 1)
  const item = (overrides: Record<string, unknown>) => ({ Items: [{ Description: "Row", Amount: 10, ...overrides }], Price: 10 })

  it.each<[string, Record<string, unknown>, string]>([
    ["delivery address length", { DeliveryAddressLine1: long(40) }, "Address (in delivery address) must be between 0 and 40 characters."],
    ["invoicing address length", { InvoicingAddressLine2: long(40) }, "Address (in invoicing address) must be between 0 and 40 characters."],
    ["invoicing address empty", { InvoicingAddressLine1: "" }, "Address (in invoicing address) should not be empty."],
    ["B2B", { IsB2B: true }, "Checkout site is not allowed to work with B2b."],
    ["delivery city length", { DeliveryCity: long(30) }, "City (in delivery address) must be between 0 and 30 characters."],
    ["invoicing city length", { InvoicingCity: long(30) }, "City (in invoicing address) must be between 0 and 30 characters."],
    ["invoicing city empty", { InvoicingCity: null }, "City (in invoicing address) should not be empty."],
    ["customer token", { CustomerToken: "unknown-token" }, "Customer Token is not valid."],
    ["description length", { Description: long(4000) }, "Description must be between 0 and 4000 characters."],
    ["e-mail format", { Mail: "no-at-sign" }, "E-mail is not a valid email address."],
    ["e-mail length", { Mail: `${"a".repeat(55)}@x.com` }, "E-mail must be between 0 and 60 characters."],
    ["e-mail empty", { Mail: "" }, "E-mail should not be empty."],
    ["Emailinvoice", { Emailinvoice: 2 }, "EmailInvoice must be equal 0, 1 or empty"],
    ["SSN empty", { IdentificationNumber: "" }, "Identification Number should not be empty."],
    ["language", { UserLanguageCode: "de-DE" }, "Invalid or not supported UserLanguageCode."],
    ["item amount", item({ Amount: null }), "Item Amount must be specified."],
    ["item description", item({ Description: long(35) }), "Item description must be specified and must not be longer than 35 characters or empty."],
    ["item notes", item({ Notes: long(35) }), "Item notes must not be longer than 35 characters."],
    ["no items", { Items: [] }, "Items List must contain at least one item."],
    ["delivery name length", { DeliveryLastName: long(40) }, "Name (in delivery address) must be between 0 and 40 characters."],
    ["invoicing name length", { InvoicingFirstName: long(40) }, "Name (in invoicing address) must be between 0 and 40 characters."],
    ["invoicing name empty", { InvoicingLastName: " " }, "Name (in invoicing address) should not be empty."],
    ["order reference", { OrderReference: "" }, "Order Reference should not be empty."],
    ["phone length (spaces not counted)", { Phone: "+46 70 123 45 67 89 01" }, "Phone Number must be between 0 and 15 characters."],
    ["phone empty", { Phone: null }, "Phone should not be empty."],
    ["price below item sum", { Price: 900 }, "Price must be either 0 (in case of no items), or greater than or equal to 0 and greater than or equal to sum of item prices."],
    ["price zero", { Price: 0 }, "Price must be either 0 (in case of no items), or greater than or equal to 0 and greater than or equal to sum of item prices."],
    ["price empty", { Price: null }, "Price should not be empty."],
    ["SSN invalid", { IdentificationNumber: "198005012004" }, "SSN is invalid."],
    ["terms URL", { TermsAndConditionsUrl: "not a url" }, "TermsAndConditionsUrl is not in valid format"],
    ["item amount decimals", item({ Amount: "10.001" }), "The items amount can have a maximum of 2 decimal places."],
    ["item tax decimals", item({ TaxAmount: 1.001 }), "The items tax amount can have a maximum of 2 decimal places."],
    ["price decimals", { Price: 948.501 }, "The price can have a maximum of 2 decimal places."],
    ["price above item sum", { Price: 1000 }, "Total price is not equal to sum of item prices"],
    ["delivery zip length", { DeliveryZip: long(10) }, "ZIP (in delivery address) must be between 0 and 10 characters."],
    ["invoicing zip length", { InvoicingZip: long(10) }, "ZIP (in invoicing address) must be between 0 and 10 characters."],
    ["invoicing zip empty", { InvoicingZip: "" }, "ZIP (in invoicing address) should not be empty."],
  ])("%s", async (_name, overrides, message) => {
    expect(await detail(overrides)).toContain(message)
  })

  it("requires PaymentTerms on loan and part payment", async () => {
    expect(await detail({}, "v2/AuthorizeLoanEID")).toEqual(["Payment Terms should not be empty."])
  })

  it("supports en-US, sv-SE, fi-FI for invoices and also da-DK, nb-NO for direct invoices", async () => {
    for (const code of ["en-US", "sv-SE", "fi-FI"]) expect((await authorize(standaloneRequest("SE", ID.SE.approved, { UserLanguageCode: code }))).status).toBe(200)
    expect(await detail({ UserLanguageCode: "nb-NO" })).toEqual(["Invalid or not supported UserLanguageCode."])
    const danish = await authorize(standaloneRequest("DK", ID.DK.approved, { UserLanguageCode: "da-DK" }), "v2/AuthorizeDirectInvoiceEID")
    expect(danish.status).toBe(200)
  })

  it("lists every problem at once", async () => {
    const messages = await detail({ IdentificationNumber: "", Mail: "", Price: null, OrderReference: "" })
    expect(messages).toEqual([
      "Identification Number should not be empty.",
      "E-mail should not be empty.",
      "Price should not be empty.",
      "Order Reference should not be empty.",
    ])
  })

  it("accepts a CustomerToken handed out by GetPaymentStatus", async () => {
    const first = await authorize(standaloneRequest())
    const token = (await paymentStatus(first.body.ExternalId)).CustomerToken
    expect((await authorize(standaloneRequest("SE", ID.SE.approved, { CustomerToken: token }))).status).toBe(200)
  })
})

describe("electronic ID flow", () => {
  const returnUrl = "https://shop.example/checkout2/return"

  async function needsEid(identity: string = ID.SE.idValidationRequired) {
    const res = await authorize(standaloneRequest("SE", identity))
    expect(res.status).toBe(200)
    expect(res.body).toEqual({ ExternalId: expect.stringMatching(/^[0-9a-f]{32}$/), IsElectronicValidationNeeded: true, ErrorType: 0, ErrorMessage: null })
    return res.body.ExternalId as string
  }
  const page = (externalId: string) => `${t.c2}/CheckOut2ElectronicId/?externalId=${externalId}&returnUrl=${encodeURIComponent(returnUrl)}`

  it("shows the page and returns to returnUrl?externalId=…&status=OK; GetPaymentStatus then says Completed", async () => {
    const externalId = await needsEid()
    expect((await paymentStatus(externalId)).State).toBe(7)
    const html = await (await fetch(page(externalId))).text()
    expect(html).toContain('<form method="post" action="/avarda/checkout2/CheckOut2ElectronicId/">')
    expect(html).toContain(`name="externalId" value="${externalId}"`)
    expect(html).toContain('name="action" value="identify"')
    const res = await postForm(`${t.c2}/CheckOut2ElectronicId/`, { externalId, returnUrl, action: "identify" })
    expect(res.status).toBe(302)
    expect(res.headers.get("location")).toBe(`${returnUrl}?externalId=${externalId}&status=OK`)
    expect((await paymentStatus(externalId)).State).toBe(2)
  })

  it("returns with status=Cancel on Cancel (State 8) and for failing identities (State 3)", async () => {
    const cancelled = await needsEid()
    const res = await postForm(`${t.c2}/CheckOut2ElectronicId/`, { externalId: cancelled, returnUrl, action: "cancel" })
    expect(res.headers.get("location")).toBe(`${returnUrl}?externalId=${cancelled}&status=Cancel`)
    expect((await paymentStatus(cancelled)).State).toBe(8)
    const failing = await needsEid(ID.SE.idValidationDifferentPerson)
    const failed = await postForm(page(failing), { action: "identify" })
    expect(failed.headers.get("location")).toContain("status=Cancel")
    expect((await paymentStatus(failing)).State).toBe(3)
  })

  it("times out to SessionTimedOut (5) with the sandbox clock", async () => {
    const externalId = await needsEid()
    t.sandbox.clock.advance(16 * 60 * 1000)
    expect((await paymentStatus(externalId)).State).toBe(5)
    expect((await fetch(page(externalId))).status).toBe(409)
    expect((await postForm(`${t.c2}/CheckOut2ElectronicId/`, { externalId, returnUrl, action: "identify" })).headers.get("location")).toContain("status=Cancel")
  })

  it("checks its parameters", async () => {
    expect((await fetch(`${t.c2}/CheckOut2ElectronicId/?externalId=nope&returnUrl=${encodeURIComponent(returnUrl)}`)).status).toBe(404)
    const externalId = await needsEid()
    expect((await fetch(`${t.c2}/CheckOut2ElectronicId/?externalId=${externalId}`)).status).toBe(400)
    expect((await postForm(`${t.c2}/CheckOut2ElectronicId/`, { externalId, returnUrl, action: "x" })).status).toBe(400)
  })

  it("can be completed through the control object", async () => {
    const externalId = await needsEid()
    expect(t.control.completeElectronicId(externalId)).toEqual({ state: 2, status: "OK" })
  })
})

describe("GetPaymentStatus", () => {
  it("returns State, PaymentMethod, contact and address fields, CountryCode and CustomerToken", async () => {
    const created = await authorize(DOCUMENTED_EXAMPLE)
    const body = await paymentStatus(created.body.ExternalId)
    expect(body).toEqual({
      State: 2,
      PaymentMethod: 0,
      Phone: "041234567",
      Mail: "Testperson@avarda.comm",
      InvoicingFirstName: "Testname",
      InvoicingLastName: "Testlastname",
      InvoicingAddressLine1: "Address X11",
      InvoicingAddressLine2: null,
      InvoicingZip: "11136 ",
      InvoicingCity: "Jyväskylä",
      DeliveryFirstName: "Testname",
      DeliveryLastName: "Testlastname",
      DeliveryAddressLine1: "Address X11",
      DeliveryAddressLine2: null,
      DeliveryZip: "11136 ",
      DeliveryCity: "JYVÄSKYLÄ",
      CountryCode: "SWE",
      CustomerToken: expect.stringMatching(/^[0-9a-f-]{36}$/),
    })
    const sameAddress = await authorize(standaloneRequest("SE", ID.SE.approved, { PaymentTerms: 6 }), "v2/AuthorizeLoanEID")
    const loan = await paymentStatus(sameAddress.body.ExternalId)
    expect(loan).toMatchObject({ PaymentMethod: 1, DeliveryFirstName: null, DeliveryCity: null })
    const partPayment = await authorize(standaloneRequest("SE", ID.SE.approved, { PaymentTerms: 6 }), "AuthorizePartPaymentEID")
    expect((await paymentStatus(partPayment.body.ExternalId)).PaymentMethod).toBe(4)
  })

  it("answers the error array for an unknown purchase", async () => {
    const res = await api("GetPaymentStatus", { PurchaseId: "ffffffffffffffffffffffffffffffff" })
    expect(res.status).toBe(400)
    expect(res.body).toEqual([{ ErrorCode: "10005", ErrorMessage: "Invalid or missing external ID." }])
  })
})

describe("Commerce calls", () => {
  const items = (...amounts: number[]) => amounts.map((amount, i) => ({ Description: `Row ${i + 1}`, Amount: amount, TaxCode: "25", TaxAmount: 0 }))
  const completed = async () => (await authorize(standaloneRequest("SE", ID.SE.approved, { Items: items(600, 400), Price: 1000 }))).body.ExternalId as string
  const commerce = (op: string, body: unknown) => api(`Commerce/${op}`, body)

  it("PurchaseOrder invoices partially, repeatedly, up to the price; TranId de-duplicates", async () => {
    const externalId = await completed()
    const first = await commerce("PurchaseOrder", { ExternalId: externalId, OrderReference: "O-1", TranId: "t1", Items: items(600) })
    expect(first.status).toBe(200)
    expect(first.text).toBe("")
    expect((await commerce("PurchaseOrder", { ExternalId: externalId, OrderReference: "O-1", TranId: "t1", Items: items(600) })).status).toBe(200)
    expect((await commerce("PurchaseOrder", { ExternalId: externalId, OrderReference: "O-2", TranId: "t2", Items: items(400) })).status).toBe(200)
    const over = await commerce("PurchaseOrder", { ExternalId: externalId, OrderReference: "O-3", Items: items(0.01) })
    expect(over.status).toBe(400)
    expect(over.body).toEqual([{ ErrorCode: "10012", ErrorMessage: "The amount exceeds the remaining authorized amount." }])
    expect(t.control.getStandalonePurchase(externalId)!.invoiced).toBe(1000)
  })

  it("PurchaseOrder validates its body and needs a completed purchase", async () => {
    expect((await commerce("PurchaseOrder", { Items: items(1) })).body).toEqual([{ ErrorCode: "10005", ErrorMessage: "Invalid or missing external ID." }])
    const externalId = await completed()
    const invalid = await commerce("PurchaseOrder", { ExternalId: externalId, Items: [{ Description: "", Amount: 1.001 }], TranId: "x".repeat(37) })
    expect(invalid.body).toEqual([
      { ErrorCode: "10001", ErrorMessage: "Item description must be specified and must not be longer than 35 characters or empty." },
      { ErrorCode: "10001", ErrorMessage: "The items amount can have a maximum of 2 decimal places." },
      { ErrorCode: "10001", ErrorMessage: "TranId must be between 0 and 36 characters." },
    ])
    expect((await commerce("PurchaseOrder", { ExternalId: externalId, Items: [] })).body[0].ErrorMessage).toBe("Items List must contain at least one item.")
    const waiting = (await authorize(standaloneRequest("SE", ID.SE.idValidationRequired))).body.ExternalId
    expect((await commerce("PurchaseOrder", { ExternalId: waiting, Items: items(1) })).body).toEqual([
      { ErrorCode: "10010", ErrorMessage: "The purchase is not completed." },
    ])
  })

  it("ReturnOrder and Refund credit at most what was invoiced", async () => {
    const externalId = await completed()
    expect((await commerce("ReturnOrder", { ExternalId: externalId, Items: items(1) })).body[0].ErrorCode).toBe("10013")
    await commerce("PurchaseOrder", { ExternalId: externalId, Items: items(600) })
    expect((await commerce("ReturnOrder", { ExternalId: externalId, OrderReference: "R-1", Items: items(100) })).status).toBe(200)
    expect((await commerce("Refund", { ExternalId: externalId, Amount: 450, OrderReference: "R-2", TranId: "rf-1" })).status).toBe(200)
    expect((await commerce("Refund", { ExternalId: externalId, Amount: 450, OrderReference: "R-2", TranId: "rf-1" })).status).toBe(200)
    expect((await commerce("Refund", { ExternalId: externalId, Amount: 50.01 })).body).toEqual([
      { ErrorCode: "10013", ErrorMessage: "The amount exceeds the invoiced amount." },
    ])
    expect((await commerce("Refund", { ExternalId: externalId, Amount: 50 })).status).toBe(200)
    expect(t.control.getStandalonePurchase(externalId)).toMatchObject({ invoiced: 600, returned: 100, refunded: 500 })
  })

  it("Refund checks its amount", async () => {
    const externalId = await completed()
    expect((await commerce("Refund", { ExternalId: externalId })).body).toEqual([{ ErrorCode: "10001", ErrorMessage: "Amount can’t be empty!" }])
    expect((await commerce("Refund", { ExternalId: externalId, Amount: 1.234 })).body[0].ErrorMessage).toBe("The amount can have a maximum of 2 decimal places.")
    expect((await commerce("Refund", { ExternalId: externalId, Amount: -1 })).body[0].ErrorMessage).toBe("Amount must be greater than 0.")
  })

  it("RefundRemaining releases the uninvoiced rest once", async () => {
    const externalId = await completed()
    expect((await commerce("RefundRemaining", { ExternalId: externalId })).body).toEqual([
      { ErrorCode: "10001", ErrorMessage: "Order Reference should not be empty." },
    ])
    await commerce("PurchaseOrder", { ExternalId: externalId, Items: items(600) })
    expect((await commerce("RefundRemaining", { ExternalId: externalId, OrderReference: "O-1" })).status).toBe(200)
    expect(t.control.getStandalonePurchase(externalId)!.remainingReleased).toBe(400)
    expect((await commerce("RefundRemaining", { ExternalId: externalId, OrderReference: "O-1" })).body).toEqual([
      { ErrorCode: "10016", ErrorMessage: "There is no remaining amount to refund." },
    ])
    expect((await commerce("PurchaseOrder", { ExternalId: externalId, Items: items(1) })).body[0].ErrorCode).toBe("10012")
  })

  it("CancelPayment needs a Reason and is refused once PurchaseOrder, ReturnOrder or Refund happened", async () => {
    const externalId = await completed()
    expect((await commerce("CancelPayment", { ExternalId: externalId })).body).toEqual([{ ErrorCode: "10001", ErrorMessage: "Reason should not be empty." }])
    expect((await commerce("CancelPayment", { Reason: "x" })).body[0].ErrorCode).toBe("10005")
    expect((await commerce("CancelPayment", { ExternalId: externalId, Reason: "Customer changed mind" })).status).toBe(200)
    expect((await paymentStatus(externalId)).State).toBe(8)
    expect((await commerce("CancelPayment", { ExternalId: externalId, Reason: "again" })).status).toBe(200)
    expect((await commerce("PurchaseOrder", { ExternalId: externalId, Items: items(1) })).body[0].ErrorCode).toBe("10014")

    const invoiced = await completed()
    await commerce("PurchaseOrder", { ExternalId: invoiced, Items: items(1) })
    const refused = await commerce("CancelPayment", { ExternalId: invoiced, Reason: "x" })
    expect(refused.status).toBe(400)
    expect(refused.body).toEqual([
      { ErrorCode: "10015", ErrorMessage: "The payment cannot be cancelled: PurchaseOrder, ReturnOrder or Refund has already been called." },
    ])
  })
})
