import { AVARDA_TEST_IDENTITIES, AVARDA_TEST_MARKETS } from "../avarda/test-identities"
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

const t = useAvardaSandbox()
const auth = useAuthorizationApiBearer(t)

const create = (product: string, body: unknown, headers = auth) => postJson(`${t.aa}/authorization/${product}`, body, headers)
const status = (id: string) => getJson(`${t.aa}/authorization/${id}`, auth)
const ID = AVARDA_TEST_IDENTITIES

describe("POST oauth2/token", () => {
  it("answers the Azure-AD-v1 shape with numbers as strings", async () => {
    const { clientId, clientSecret } = t.sandbox.settings.avarda
    const before = Math.floor(t.sandbox.clock.now().getTime() / 1000)
    const res = await postForm(`${t.aa}/oauth2/token`, { client_id: clientId, client_secret: clientSecret, grant_type: "client_credentials" })
    const after = Math.floor(t.sandbox.clock.now().getTime() / 1000)
    expect(res.status).toBe(200)
    expect(Object.keys(res.body)).toEqual(["token_type", "expires_in", "ext_expires_in", "expires_on", "not_before", "resource", "access_token"])
    expect(res.body).toMatchObject({ token_type: "Bearer", expires_in: "3599", ext_expires_in: "3599" })
    expect(Number(res.body.expires_on) - Number(res.body.not_before)).toBe(3599)
    expect(Number(res.body.not_before)).toBeGreaterThanOrEqual(before)
    expect(Number(res.body.not_before)).toBeLessThanOrEqual(after)
    expect(typeof res.body.access_token).toBe("string")
  })

  it("answers OAuth2 error objects for bad requests and credentials", async () => {
    const { clientId } = t.sandbox.settings.avarda
    const noGrant = await postForm(`${t.aa}/oauth2/token`, { client_id: clientId, client_secret: "x" })
    expect(noGrant.status).toBe(400)
    expect(noGrant.body).toMatchObject({ error: "invalid_request", error_description: expect.stringContaining("grant_type") })
    const wrongGrant = await postForm(`${t.aa}/oauth2/token`, { client_id: clientId, client_secret: "x", grant_type: "password" })
    expect(wrongGrant.body.error).toBe("unsupported_grant_type")
    const wrongClient = await postForm(`${t.aa}/oauth2/token`, { client_id: "nobody", client_secret: "x", grant_type: "client_credentials" })
    expect(wrongClient.status).toBe(400)
    expect(wrongClient.body.error).toBe("unauthorized_client")
    const wrongSecret = await postForm(`${t.aa}/oauth2/token`, { client_id: clientId, client_secret: "wrong", grant_type: "client_credentials" })
    expect(wrongSecret.status).toBe(401)
    expect(wrongSecret.body.error).toBe("invalid_client")
    expect(wrongSecret.body.error_description).toEqual(expect.any(String))
    const json = await postJson(`${t.aa}/oauth2/token`, { client_id: clientId })
    expect(json.status).toBe(400)
    expect(json.body.error).toBe("invalid_request")
  })
})

describe("bearer token", () => {
  it("is required, must be known and expires with the sandbox clock", async () => {
    const missing = await create("invoice", authorizationRequest(), {})
    expect(missing.status).toBe(401)
    expect(missing.headers.get("www-authenticate")).toBe("Bearer")
    expect(missing.text).toBe("")
    const unknown = await create("invoice", authorizationRequest(), bearer("not-a-token"))
    expect(unknown.status).toBe(401)
    expect(unknown.headers.get("www-authenticate")).toContain('error="invalid_token"')
    expect((await create("invoice", authorizationRequest())).status).toBe(201)
    t.sandbox.clock.advance(3599 * 1000)
    const expired = await create("invoice", authorizationRequest())
    expect(expired.status).toBe(401)
    expect(expired.headers.get("www-authenticate")).toContain("The token expired at")
    expect((await status("00000000-0000-0000-0000-000000000000")).status).toBe(401)
  })

  it("uses the configured token lifetime", async () => {
    const other = await startAvardaSandbox({ avarda: { tokenTtlSeconds: 60 } })
    try {
      const token = await authorizationApiToken(other)
      other.sandbox.clock.advance(59_000)
      expect((await postJson(`${other.aa}/authorization/invoice`, authorizationRequest(), bearer(token))).status).toBe(201)
      other.sandbox.clock.advance(1_000)
      expect((await postJson(`${other.aa}/authorization/invoice`, authorizationRequest(), bearer(token))).status).toBe(401)
    } finally {
      await other.sandbox.stop()
    }
  })
})

describe("create authorization: outcomes", () => {
  it("approves with 201 {creditLimit, authorizationId} on all four endpoints", async () => {
    const bodies: Record<string, Record<string, unknown>> = {
      invoice: {},
      "direct-invoice": { accountClassCode: 1782 },
      loan: { paymentTerms: 36, sendTermsAndConditions: true },
      "part-payment": { paymentTerms: 12, accountClassCode: 1784 },
    }
    for (const [product, extra] of Object.entries(bodies)) {
      const res = await create(product, authorizationRequest("SE", ID.SE.approved, extra))
      expect(res.status).toBe(201)
      expect(Object.keys(res.body)).toEqual(["creditLimit", "authorizationId"])
      expect(res.body.creditLimit).toBe(50000)
      expect(res.body.authorizationId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/)
    }
  })

  it("approves the approved identity of every market with that market's formats", async () => {
    for (const market of ["SE", "FI", "NO", "DK"] as const) {
      const res = await create("invoice", authorizationRequest(market, ID[market].approved, { items: [{ description: "Item", amount: 100 }] }))
      expect(res.status).toBe(201)
    }
  })

  it("answers 202 {forced, redirectUrl, authorizationId} for an ID-validation identity", async () => {
    const res = await create("invoice", authorizationRequest("SE", ID.SE.idValidationRequired))
    expect(res.status).toBe(202)
    expect(Object.keys(res.body)).toEqual(["forced", "redirectUrl", "authorizationId"])
    expect(res.body.forced).toBe(false)
    expect(res.body.redirectUrl).toBe(`${t.sandbox.origin}/avarda/pages/id-validation/${res.body.authorizationId}`)
  })

  it("rejects with 422 {errorCode, errorMessage, authorizationId} localized by userLanguageCode", async () => {
    const cases: Array<[string, number, string]> = [
      [ID.SE.rejectedCreditNotApproved, 1, "Credit not approved please try different payment method"],
      [ID.SE.rejectedAddressMismatch, 3, "Credit not approved please check that name and address details match registered address"],
      [ID.SE.rejectedAmount, 4, "Credit not approved due to incorrect amount"],
      [
        ID.SE.rejectedInvalidIdentity,
        5,
        "The application cannot be granted due to an invalid personal identity number. Please check your social security number or choose another payment method at checkout",
      ],
    ]
    for (const [ssn, code, english] of cases) {
      const body = authorizationRequest("SE", ssn)
      body.customer.userLanguageCode = 826
      const res = await create("invoice", body)
      expect(res.status).toBe(422)
      expect(res.body).toEqual({ errorCode: code, errorMessage: english, authorizationId: expect.any(String) })
    }
    const swedish = await create("invoice", authorizationRequest("SE", ID.SE.rejectedCreditNotApproved))
    expect(swedish.body.errorMessage).toBe("Krediten beviljades inte, vänligen välj ett annat betalningssätt")
    const finnish = await create("loan", authorizationRequest("FI", ID.FI.rejectedCreditNotApproved, { paymentTerms: 24 }))
    expect(finnish.body.errorMessage).toBe("Luottoa lasku- tai tilimaksuun ei voitu myöntää. Ole hyvä ja valitse toinen maksutapa kassalla.")
  })

  it("rejects a malformed e-mail with errorCode 7", async () => {
    const body = authorizationRequest()
    body.customer.email = "not-an-email"
    body.customer.userLanguageCode = 826
    const res = await create("invoice", body)
    expect(res.status).toBe(422)
    expect(res.body).toMatchObject({ errorCode: 7, errorMessage: "Invalid email format" })
  })

  it("rejects amounts above the credit limit with errorCode 4", async () => {
    const res = await create("invoice", authorizationRequest("SE", ID.SE.approved, { items: [{ description: "Car", amount: 50000.01 }] }))
    expect(res.status).toBe(422)
    expect(res.body.errorCode).toBe(4)
  })

  it("answers 500 {errorCode, errorMessage, authorizationId} for technical errors", async () => {
    const internal = await create("invoice", authorizationRequest("NO", ID.NO.technicalError))
    expect(internal.status).toBe(500)
    expect(internal.body).toEqual({ errorCode: 101, errorMessage: "Intern feil", authorizationId: expect.any(String) })
    const timeout = await create("invoice", authorizationRequest("DK", ID.DK.serviceTimeout))
    expect(timeout.status).toBe(500)
    expect(timeout.body.errorCode).toBe(100)
    expect((await status(timeout.body.authorizationId)).body).toMatchObject({ status: 3, errorCode: 100 })
  })

  it("follows stage mock mode (item MockForTest) by total", async () => {
    const mock = (total: number) =>
      create("invoice", authorizationRequest("SE", ID.SE.rejectedCreditNotApproved, { items: [{ description: "MockForTest", amount: total }] }))
    expect((await mock(200)).status).toBe(202)
    expect((await mock(700)).status).toBe(422)
    const timeout = await mock(1001)
    expect(timeout.status).toBe(500)
    expect(timeout.body.errorCode).toBe(100)
    const other = await mock(1002)
    expect(other.status).toBe(500)
    expect(other.body.errorCode).toBe(101)
    expect((await mock(500)).status).toBe(201)
    const splitTotal = await create(
      "invoice",
      authorizationRequest("SE", ID.SE.approved, { items: [{ description: "MockForTest", amount: 150 }, { description: "Other", amount: 25, quantity: 2 }] }),
    )
    expect(splitTotal.status).toBe(202)
  })

  it("still validates the payload in mock mode", async () => {
    const body = authorizationRequest("SE", "198005012004", { items: [{ description: "MockForTest", amount: 200 }] })
    const res = await create("invoice", body)
    expect(res.status).toBe(400)
    expect(res.body.errors["Customer.IdentificationNumber"]).toBeDefined()
  })
})

describe("create authorization: validation (400 ValidationProblemDetails)", () => {
  const errorsOf = async (product: string, body: unknown) => {
    const res = await create(product, body)
    expect(res.status).toBe(400)
    expect(res.headers.get("content-type")).toContain("application/problem+json")
    expect(res.body).toMatchObject({
      type: "https://tools.ietf.org/html/rfc9110#section-15.5.1",
      title: "One or more validation errors occurred.",
      status: 400,
    })
    expect(res.body.traceId).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-00$/)
    return res.body.errors as Record<string, string[]>
  }

  it("requires the mandatory fields", async () => {
    const errors = await errorsOf("invoice", {})
    expect(errors).toEqual({
      Customer: ["The Customer field is required."],
      InvoicingAddress: ["The InvoicingAddress field is required."],
      Items: ["The Items field is required."],
      OrderReference: ["The OrderReference field is required."],
      PosId: ["The PosId field is required."],
    })
    const nested = await errorsOf("invoice", { ...authorizationRequest(), customer: {}, invoicingAddress: {}, items: [{}] })
    expect(nested).toMatchObject({
      "Customer.IdentificationNumber": ["The IdentificationNumber field is required."],
      "Customer.UserLanguageCode": ["The UserLanguageCode field is required."],
      "Customer.Phone": ["The Phone field is required."],
      "Customer.Email": ["The Email field is required."],
      "InvoicingAddress.FirstName": ["The FirstName field is required."],
      "InvoicingAddress.LastName": ["The LastName field is required."],
      "InvoicingAddress.AddressLine1": ["The AddressLine1 field is required."],
      "InvoicingAddress.City": ["The City field is required."],
      "InvoicingAddress.Zip": ["The Zip field is required."],
      "Items[0].Description": ["The Description field is required."],
      "Items[0].Amount": ["The Amount field is required."],
    })
  })

  it("enforces maximum lengths", async () => {
    const long = (n: number) => "x".repeat(n + 1)
    const body = authorizationRequest("SE", ID.SE.approved, {
      orderReference: long(50),
      posId: long(10),
      description: long(100),
      loyaltyNumber: long(10),
    })
    body.customer.phone = "0".repeat(16)
    body.customer.email = `${"a".repeat(55)}@x.com`
    Object.assign(body.invoicingAddress, { firstName: long(40), lastName: long(40), addressLine1: long(40), addressLine2: long(40), city: long(30) })
    body.items[0] = { description: long(35), notes: long(35), amount: 10, taxCode: long(20), productGroup: long(50) }
    const errors = await errorsOf("invoice", body)
    const max = (field: string, n: number) => [`The field ${field} must be a string with a maximum length of ${n}.`]
    expect(errors).toMatchObject({
      OrderReference: max("OrderReference", 50),
      PosId: max("PosId", 10),
      Description: max("Description", 100),
      LoyaltyNumber: max("LoyaltyNumber", 10),
      "Customer.Phone": max("Phone", 15),
      "Customer.Email": max("Email", 60),
      "InvoicingAddress.FirstName": max("FirstName", 40),
      "InvoicingAddress.LastName": max("LastName", 40),
      "InvoicingAddress.AddressLine1": max("AddressLine1", 40),
      "InvoicingAddress.AddressLine2": max("AddressLine2", 40),
      "InvoicingAddress.City": max("City", 30),
      "Items[0].Description": max("Description", 35),
      "Items[0].Notes": max("Notes", 35),
      "Items[0].TaxCode": max("TaxCode", 20),
      "Items[0].ProductGroup": max("ProductGroup", 50),
    })
  })

  it("checks enums: userLanguageCode, forcedDistributionMethod, paymentTerms", async () => {
    const body = authorizationRequest("SE", ID.SE.approved, { forcedDistributionMethod: 5, paymentTerms: 18 })
    body.customer.userLanguageCode = 840
    const errors = await errorsOf("loan", body)
    expect(errors["Customer.UserLanguageCode"]).toEqual(["The field UserLanguageCode is invalid. Allowed values: 208, 246, 578, 752, 826."])
    expect(errors.ForcedDistributionMethod).toEqual(["The field ForcedDistributionMethod is invalid. Allowed values: 1, 2, 3, 4."])
    expect(errors.PaymentTerms).toEqual(["The field PaymentTerms is invalid. Allowed values: 3, 6, 12, 24, 36, 48, 72."])
    for (const months of [3, 6, 12, 24, 36, 48, 72]) {
      expect((await create("loan", authorizationRequest("SE", ID.SE.approved, { paymentTerms: months }))).status).toBe(201)
    }
    for (const method of [1, 2, 3, 4]) {
      expect((await create("invoice", authorizationRequest("SE", ID.SE.approved, { forcedDistributionMethod: method }))).status).toBe(201)
    }
  })

  it("requires paymentTerms for loan and part-payment, and accountClassCode for part-payment", async () => {
    expect(await errorsOf("loan", authorizationRequest())).toEqual({ PaymentTerms: ["The PaymentTerms field is required."] })
    expect(await errorsOf("part-payment", authorizationRequest())).toEqual({
      PaymentTerms: ["The PaymentTerms field is required."],
      AccountClassCode: ["The AccountClassCode field is required."],
    })
    expect((await create("direct-invoice", authorizationRequest())).status).toBe(201)
    expect((await create("invoice", authorizationRequest("SE", ID.SE.approved, { paymentTerms: 5 }))).status).toBe(201)
  })

  it("checks at most 2 decimals on the raw JSON text, non-negative tax, quantity and a positive total", async () => {
    const raw = JSON.stringify(authorizationRequest("SE", ID.SE.approved, { items: [{ description: "A", amount: 0, taxAmount: 0 }] }))
      .replace('"amount":0', '"amount":10.0000000000000001')
      .replace('"taxAmount":0', '"taxAmount":1.005')
    const errors = await errorsOf("invoice", raw)
    expect(errors["Items[0].Amount"]).toEqual(["The field Amount can have a maximum of 2 decimal places."])
    expect(errors["Items[0].TaxAmount"]).toEqual(["The field TaxAmount can have a maximum of 2 decimal places."])
    const more = await errorsOf(
      "invoice",
      authorizationRequest("SE", ID.SE.approved, { items: [{ description: "A", amount: 10, taxAmount: -1, quantity: 0 }] }),
    )
    expect(more["Items[0].TaxAmount"]).toEqual(["The field TaxAmount must be zero or positive."])
    expect(more["Items[0].Quantity"]).toEqual(["The field Quantity must be between 1 and 2147483647."])
    const zero = await errorsOf(
      "invoice",
      authorizationRequest("SE", ID.SE.approved, { items: [{ description: "A", amount: 10 }, { description: "Discount", amount: -10 }] }),
    )
    expect(zero.Items).toEqual(["The total sum of all items must be positive."])
    const negativeRowOk = await create(
      "invoice",
      authorizationRequest("SE", ID.SE.approved, { items: [{ description: "A", amount: "10.50" }, { description: "Discount", amount: -0.5 }] }),
    )
    expect(negativeRowOk.status).toBe(201)
  })

  it("validates SSN, phone and zip formats per market", async () => {
    const bad = authorizationRequest("SE", "198005012004")
    bad.customer.phone = "0812345678"
    bad.invoicingAddress.zip = "1234"
    const errors = await errorsOf("invoice", bad)
    expect(errors["Customer.IdentificationNumber"]).toEqual(["The IdentificationNumber '198005012004' is not a valid personal identity number for market SE."])
    expect(errors["Customer.Phone"]).toEqual(["The Phone '0812345678' is not a valid mobile phone number for market SE."])
    expect(errors["InvoicingAddress.Zip"]).toEqual(["The Zip '1234' is not a valid zip code for market SE."])
    // A Swedish number in a Norwegian request is not a Norwegian number.
    const mixed = authorizationRequest("NO", ID.SE.approved)
    expect(Object.keys(await errorsOf("invoice", mixed))).toEqual(["Customer.IdentificationNumber"])
    // Market from userLanguageCode when no country is sent, from the number's format for 826.
    const noCountry = authorizationRequest("FI", ID.FI.approved)
    delete noCountry.invoicingAddress.country
    expect((await create("invoice", noCountry)).status).toBe(201)
    noCountry.customer.userLanguageCode = 826
    expect((await create("invoice", noCountry)).status).toBe(201)
  })

  it("requires deliveryAddress when useDifferentDeliveryAddress is true and validates it", async () => {
    expect(await errorsOf("invoice", authorizationRequest("SE", ID.SE.approved, { useDifferentDeliveryAddress: true }))).toEqual({
      DeliveryAddress: ["The DeliveryAddress field is required when UseDifferentDeliveryAddress is true."],
    })
    const delivery = { firstName: "A", lastName: "B", addressLine1: "C 1", city: "D", zip: "999" }
    expect(await errorsOf("invoice", authorizationRequest("SE", ID.SE.approved, { useDifferentDeliveryAddress: true, deliveryAddress: delivery }))).toEqual({
      "DeliveryAddress.Zip": ["The Zip '999' is not a valid zip code for market SE."],
    })
    const ok = await create("invoice", authorizationRequest("SE", ID.SE.approved, { useDifferentDeliveryAddress: true, deliveryAddress: { ...delivery, zip: "22100" } }))
    expect(ok.status).toBe(201)
  })

  it("validates idValidationCallbackUrl", async () => {
    expect(await errorsOf("invoice", authorizationRequest("SE", ID.SE.approved, { idValidationCallbackUrl: "/relative" }))).toEqual({
      IdValidationCallbackUrl: ["The field IdValidationCallbackUrl must be an absolute http or https URL."],
    })
  })

  it("reports JSON type mismatches as deserialization errors at their JSON path", async () => {
    const body = authorizationRequest()
    body.customer.userLanguageCode = "sv"
    body.useDifferentDeliveryAddress = "yes"
    const errors = await errorsOf("invoice", body)
    expect(errors).toEqual({
      "$.customer.userLanguageCode": ["The JSON value could not be converted to System.Int32. Path: $.customer.userLanguageCode."],
      "$.useDifferentDeliveryAddress": ["The JSON value could not be converted to System.Boolean. Path: $.useDifferentDeliveryAddress."],
    })
    const numericSsn = authorizationRequest()
    numericSsn.customer.identificationNumber = 198005012003
    expect(Object.keys(await errorsOf("invoice", numericSsn))).toEqual(["$.customer.identificationNumber"])
    expect(Object.keys(await errorsOf("invoice", "{not json"))).toEqual(["$"])
    expect(await errorsOf("invoice", "")).toEqual({ "": ["A non-empty request body is required."] })
  })

  it("reads numbers sent as strings and property names in any case (ASP.NET web defaults)", async () => {
    const magentoStyle = {
      Customer: { IdentificationNumber: ID.SE.approved, UserLanguageCode: "752", Phone: "0701234567", Email: "a@b.se" },
      InvoicingAddress: { FirstName: "A", LastName: "B", AddressLine1: "C 1", City: "D", Zip: "111 22", Country: "SE" },
      Items: [{ Description: "Row", Amount: "100.00", TaxCode: "25.00", TaxAmount: "20.00" }],
      OrderReference: "000000123",
      PosId: "0",
      PaymentTerms: "36",
    }
    const res = await create("loan", magentoStyle)
    expect(res.status).toBe(201)
    const stored = await status(res.body.authorizationId)
    expect(stored.body.request.customer.userLanguageCode).toBe("752")
    expect(stored.body.request.items[0].amount).toBe("100.00")
  })

  it("answers 415 for a body that is not JSON", async () => {
    const res = await fetch(`${t.aa}/authorization/invoice`, { method: "POST", headers: { ...auth, "content-type": "text/plain" }, body: "x" })
    expect(res.status).toBe(415)
    expect((await res.json()).title).toBe("Unsupported Media Type")
  })
})

describe("GET authorization/{id}", () => {
  it("returns status 0 with creditLimit, inBackOffice and a copy of the request", async () => {
    const request = authorizationRequest()
    const created = await create("invoice", request)
    const res = await status(created.body.authorizationId)
    expect(res.status).toBe(200)
    expect(res.body).toEqual({ status: 0, creditLimit: 50000, inBackOffice: true, authorizationId: created.body.authorizationId, request })
    expect(typeof res.body.status).toBe("number")
  })

  it("returns status 1 with errorCode and localized errorMessage for a rejection", async () => {
    const created = await create("invoice", authorizationRequest("DK", ID.DK.rejectedAddressMismatch))
    expect((await status(created.body.authorizationId)).body).toMatchObject({
      status: 1,
      inBackOffice: false,
      errorCode: 3,
      errorMessage: "Kreditten blev ikke godkendt, kontroller at navn og adresse svarer til den registrerede adresse",
    })
  })

  it("has no status while ID validation runs (assumption U5), then 2/50 after the time-out", async () => {
    const created = await create("invoice", authorizationRequest("SE", ID.SE.idValidationRequired))
    const pending = await status(created.body.authorizationId)
    expect(pending.status).toBe(200)
    expect(pending.body).toEqual({ inBackOffice: false, authorizationId: created.body.authorizationId, request: expect.any(Object) })
    t.sandbox.clock.advance(14 * 60 * 1000)
    expect((await status(created.body.authorizationId)).body.status).toBeUndefined()
    t.sandbox.clock.advance(60 * 1000)
    expect((await status(created.body.authorizationId)).body).toMatchObject({
      status: 2,
      errorCode: 50,
      errorMessage: "ID-valideringen slutfördes inte i tid",
      inBackOffice: false,
    })
  })

  it("turns inBackOffice true after the configured delay", async () => {
    const other = await startAvardaSandbox({ avarda: { inBackOfficeDelayMs: 60_000 } })
    try {
      const headers = bearer(await authorizationApiToken(other))
      const created = await postJson(`${other.aa}/authorization/invoice`, authorizationRequest(), headers)
      const read = () => getJson(`${other.aa}/authorization/${created.body.authorizationId}`, headers)
      expect((await read()).body.inBackOffice).toBe(false)
      other.sandbox.clock.advance(30_000)
      expect((await read()).body.inBackOffice).toBe(false)
      other.sandbox.clock.advance(30_000)
      expect((await read()).body.inBackOffice).toBe(true)
    } finally {
      await other.sandbox.stop()
    }
  })

  it("matches paths case-insensitively and answers 404 for unknown ids", async () => {
    const created = await create("invoice", authorizationRequest())
    const upper = await getJson(`${t.aa}/Authorization/${created.body.authorizationId.toUpperCase()}`, auth)
    expect(upper.status).toBe(200)
    expect(upper.body.authorizationId).toBe(created.body.authorizationId)
    const missing = await status("0b0b0b0b-0000-4000-8000-000000000000")
    expect(missing.status).toBe(404)
    expect(missing.body.title).toBe("Not Found")
    expect((await postJson(`${t.aa}/AUTHORIZATION/INVOICE`, authorizationRequest(), auth)).status).toBe(201)
  })
})

describe("order management", () => {
  const row = (amount: number, description = "Row") => ({ description, amount })
  const order = (id: string, body: unknown, path = "order") => postJson(`${t.aa}/authorization/${id}/${path}`, body, auth)
  const approved = async (items = [row(600), row(400)]) =>
    (await create("invoice", authorizationRequest("SE", ID.SE.approved, { items }))).body.authorizationId as string

  it("captures partially and repeatedly up to the authorized amount (200, empty body)", async () => {
    const id = await approved()
    const first = await order(id, { items: [row(600)], orderReference: "ORDER-1001", tranId: "t-1" })
    expect(first.status).toBe(200)
    expect(first.text).toBe("")
    expect((await order(id, { items: [row(300)], orderReference: "ORDER-1001", tranId: "t-2" })).status).toBe(200)
    const over = await order(id, { items: [row(100.01)], orderReference: "ORDER-1001", tranId: "t-3" })
    expect(over.status).toBe(422)
    expect(over.body).toEqual([{ ErrorCode: "10012", ErrorMessage: "The order amount exceeds the remaining authorized amount." }])
    expect((await order(id, { items: [row(100)], orderReference: "ORDER-1001", tranId: "t-4" })).status).toBe(200)
    expect(t.control.getAuthorization(id)!.captured).toBe(1000)
  })

  it("de-duplicates tranId: the same tranId twice is one capture", async () => {
    const id = await approved()
    const body = { items: [row(600)], orderReference: "ORDER-1001", tranId: "5d5c7d3e-0000-4000-8000-000000000001" }
    expect((await order(id, body)).status).toBe(200)
    expect((await order(id, body)).status).toBe(200)
    expect(t.control.getAuthorization(id)!.captured).toBe(600)
    // Without a tranId every call is a capture of its own.
    const untagged = { items: [row(200)], orderReference: "ORDER-1001" }
    expect((await order(id, untagged)).status).toBe(200)
    expect((await order(id, untagged)).status).toBe(200)
    expect(t.control.getAuthorization(id)!.captured).toBe(1000)
  })

  it("refuses order management before inBackOffice and for authorizations that are not approved", async () => {
    const other = await startAvardaSandbox({ avarda: { inBackOfficeDelayMs: 5_000 } })
    try {
      const headers = bearer(await authorizationApiToken(other))
      const created = await postJson(`${other.aa}/authorization/invoice`, authorizationRequest(), headers)
      const capture = () => postJson(`${other.aa}/authorization/${created.body.authorizationId}/order`, { items: [row(10)], orderReference: "O" }, headers)
      const early = await capture()
      expect(early.status).toBe(422)
      expect(early.body[0].ErrorCode).toBe("10011")
      other.sandbox.clock.advance(5_000)
      expect((await capture()).status).toBe(200)
    } finally {
      await other.sandbox.stop()
    }
    const rejected = (await create("invoice", authorizationRequest("SE", ID.SE.rejectedAmount))).body.authorizationId
    expect((await order(rejected, { items: [row(10)], orderReference: "O" })).body).toEqual([
      { ErrorCode: "10010", ErrorMessage: "The authorization is not approved." },
    ])
    const pending = (await create("invoice", authorizationRequest("SE", ID.SE.idValidationRequired))).body.authorizationId
    expect((await order(pending, { items: [row(10)], orderReference: "O" })).body[0].ErrorCode).toBe("10010")
    expect((await order("0b0b0b0b-0000-4000-8000-000000000000", { items: [row(10)], orderReference: "O" })).body).toEqual([
      { ErrorCode: "10005", ErrorMessage: "Invalid or missing external ID." },
    ])
  })

  it("validates the order body (400)", async () => {
    const id = await approved()
    const res = await order(id, { items: [], tranId: "x".repeat(37), posId: "x".repeat(11) })
    expect(res.status).toBe(400)
    expect(res.body.errors).toEqual({
      Items: ["The Items field is required."],
      OrderReference: ["The OrderReference field is required."],
      TranId: ["The field TranId must be a string with a maximum length of 36."],
      PosId: ["The field PosId must be a string with a maximum length of 10."],
    })
    const negative = await order(id, { items: [row(-5)], orderReference: "O" })
    expect(negative.body.errors.Items).toEqual(["The total sum of all items must be positive."])
  })

  it("returns up to the captured amount", async () => {
    const id = await approved()
    const noCapture = await order(id, { items: [row(1)], orderReference: "O" }, "return")
    expect(noCapture.status).toBe(422)
    expect(noCapture.body).toEqual([{ ErrorCode: "10013", ErrorMessage: "The return amount exceeds the ordered (captured) amount." }])
    await order(id, { items: [row(600)], orderReference: "O" })
    expect((await order(id, { items: [row(200)], orderReference: "O", tranId: "r-1" }, "return")).status).toBe(200)
    expect((await order(id, { items: [row(200)], orderReference: "O", tranId: "r-1" }, "return")).status).toBe(200)
    expect((await order(id, { items: [row(400.01)], orderReference: "O" }, "return")).status).toBe(422)
    expect((await order(id, { items: [row(400)], orderReference: "O" }, "Return")).status).toBe(200)
    expect(t.control.getAuthorization(id)).toMatchObject({ captured: 600, returned: 600 })
  })

  it("cancels with a reason, and refuses to cancel after any capture", async () => {
    const id = await approved()
    const noReason = await order(id, {}, "cancel")
    expect(noReason.status).toBe(400)
    expect(noReason.body.errors).toEqual({ Reason: ["The Reason field is required."] })
    const cancelled = await order(id, { reason: "Order canceled in Magento" }, "cancel")
    expect(cancelled.status).toBe(200)
    expect(cancelled.text).toBe("")
    expect((await order(id, { reason: "again" }, "cancel")).status).toBe(200)
    expect((await order(id, { items: [row(10)], orderReference: "O" })).body).toEqual([{ ErrorCode: "10014", ErrorMessage: "The authorization is cancelled." }])

    const captured = await approved()
    await order(captured, { items: [row(10)], orderReference: "O" })
    const refused = await order(captured, { reason: "Order canceled" }, "Cancel")
    expect(refused.status).toBe(422)
    expect(refused.body).toEqual([
      { ErrorCode: "10015", ErrorMessage: "The authorization cannot be cancelled: an order, return or refund has already been made." },
    ])
    expect((await order("0b0b0b0b-0000-4000-8000-000000000000", { reason: "x" }, "cancel")).body[0].ErrorCode).toBe("10005")
  })
})

describe("per-market test identities", () => {
  it("give the documented outcome in every market", async () => {
    const expectedStatus = {
      approved: 201,
      idValidationRequired: 202,
      rejectedCreditNotApproved: 422,
      rejectedAddressMismatch: 422,
      rejectedAmount: 422,
      rejectedInvalidIdentity: 422,
      technicalError: 500,
      serviceTimeout: 500,
      idValidationFailsAtProvider: 202,
      idValidationDifferentPerson: 202,
    }
    for (const market of Object.keys(AVARDA_TEST_MARKETS) as Array<keyof typeof AVARDA_TEST_MARKETS>) {
      for (const [outcome, number] of Object.entries(ID[market])) {
        const res = await create("invoice", authorizationRequest(market, number, { items: [{ description: "Item", amount: 100 }] }))
        expect([market, outcome, res.status]).toEqual([market, outcome, expectedStatus[outcome as keyof typeof expectedStatus]])
      }
    }
  })
})
