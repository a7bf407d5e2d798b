// The CheckOut2Api client against the sandbox over real HTTP: Basic auth, every authorize outcome,
// GetPaymentStatus, commerce calls and their error array, and the answers whose outcome is unknown.
import { startSandbox, type Sandbox } from "../../../../sandbox"
import type { AvardaControl } from "../../../../sandbox/avarda/control"
import { AVARDA_TEST_IDENTITIES } from "../../../../sandbox/avarda/test-identities"
import { VendorConnectionLostError, VendorTimeoutError } from "../../../http/errors"
import { StandaloneCreditClient } from "../client"
import { StandaloneApiError, StandaloneUnreadableAnswerError } from "../errors"
import type { StandaloneAuthorizeRequest } from "../request"

const SE = AVARDA_TEST_IDENTITIES.SE
let sandbox: Sandbox
let control: AvardaControl
let client: StandaloneCreditClient

beforeAll(async () => {
  sandbox = await startSandbox()
  control = sandbox.avarda as unknown as AvardaControl
  client = new StandaloneCreditClient({
    baseUrl: sandbox.urls.avardaCheckout2,
    siteCode: sandbox.settings.avarda.siteCode,
    sitePassword: sandbox.settings.avarda.sitePassword,
    timeouts: { authorizeMs: 1500, requestMs: 1000 },
  })
})
afterAll(async () => {
  await client.close()
  await sandbox.stop()
})
beforeEach(() => sandbox.reset())

const request = (ssn: string, extra: Partial<StandaloneAuthorizeRequest> = {}): StandaloneAuthorizeRequest => ({
  IdentificationNumber: ssn,
  UserLanguageCode: "sv-SE",
  Price: 1047,
  Phone: "0701234567",
  Mail: "shopper@example.com",
  InvoicingFirstName: "Sven",
  InvoicingLastName: "Svensson",
  InvoicingAddressLine1: "Storgatan 1",
  InvoicingZip: "11122",
  InvoicingCity: "Stockholm",
  Items: [
    { Description: "2 x Wool socks M", Notes: "WOOL-SOCKS-1", Amount: 998, TaxCode: "25", TaxAmount: 199.6 },
    { Description: "Standard delivery", Amount: 49, TaxCode: "25", TaxAmount: 9.8 },
  ],
  OrderReference: "payses_test",
  ...extra,
})

describe("StandaloneCreditClient", () => {
  it("approved: the purchase id; sent with HTTP Basic and PascalCase JSON", async () => {
    const outcome = await client.authorize("invoice", request(SE.approved))
    expect(outcome).toEqual({ kind: "approved", externalId: expect.stringMatching(/^[0-9a-f]{32}$/), creditLimit: 50000, requireDeliveryAuthorization: false })
    const entry = sandbox.journal.entries({ route: "avarda.checkout2.authorize.invoice" })[0]!
    expect(entry.headers.authorization).toBe("Basic ****")
    expect(entry.body).toMatchObject({ OrderReference: "payses_test", Price: 1047 })
    expect(await client.getPaymentStatus((outcome as { externalId: string }).externalId)).toEqual({ State: 2, PaymentMethod: 0, CountryCode: "SWE" })
  })

  it("electronic ID needed: only the purchase id; State 7 until the shopper identifies", async () => {
    const outcome = await client.authorize("invoice", request(SE.idValidationRequired))
    expect(outcome).toEqual({ kind: "electronic_id_required", externalId: expect.any(String) })
    const id = (outcome as { externalId: string }).externalId
    expect((await client.getPaymentStatus(id)).State).toBe(7)
    control.completeElectronicId(id, "OK")
    expect((await client.getPaymentStatus(id)).State).toBe(2)
  })

  it("rejected: 30154 with the localized message; invalid request and technical error apart", async () => {
    const rejected = await client.authorize("invoice", request(SE.rejectedCreditNotApproved))
    expect(rejected.kind).toBe("rejected")
    const error = (rejected as { error: StandaloneApiError }).error
    expect(error).toMatchObject({ code: "30154", userErrorMessage: "CreditNotApproved", localizedMessage: expect.any(String) })

    const invalid = await client.authorize("invoice", request(SE.approved, { Phone: "" }))
    expect(invalid.kind).toBe("invalid_request")
    expect((invalid as { error: StandaloneApiError }).error.entries).toContainEqual({ code: "30100", message: "Phone should not be empty." })

    const technical = await client.authorize("invoice", request(SE.technicalError))
    expect(technical).toMatchObject({ kind: "technical_error", error: { status: 500, code: "30900" } })
  })

  it("commerce: 200 empty body; refusals as the error array; a repeated TranId applied once", async () => {
    const { externalId } = (await client.authorize("invoice", request(SE.approved))) as { externalId: string }
    const items = [{ Description: "2 x Wool socks M", Amount: 998, TaxCode: "25", TaxAmount: 199.6 }]
    await client.purchaseOrder({ ExternalId: externalId, OrderReference: "1001", TranId: "ful_1", Items: items })
    await client.purchaseOrder({ ExternalId: externalId, OrderReference: "1001", TranId: "ful_1", Items: items })
    expect(control.getStandalonePurchase(externalId)).toMatchObject({ invoiced: 998 })
    const refused = await client.cancelPayment({ ExternalId: externalId, Reason: "x" }).catch((e: unknown) => e)
    expect(refused).toBeInstanceOf(StandaloneApiError)
    expect(refused).toMatchObject({ format: "commerce", code: "10015" })
    await client.refund({ ExternalId: externalId, Amount: 100, OrderReference: "1001", TranId: "ref_1" })
    await client.refundRemaining({ ExternalId: externalId, OrderReference: "1001", TranId: "rr_1" })
  })

  it("bad credentials: a 401 error naming the problem (no secret in it)", async () => {
    const wrong = new StandaloneCreditClient({ baseUrl: sandbox.urls.avardaCheckout2, siteCode: "SANDBOXSITE", sitePassword: "wrong-password" })
    const error = (await wrong.getPaymentStatus("x").catch((e: unknown) => e)) as Error
    expect(error).toBeInstanceOf(StandaloneApiError)
    expect(error.message).toBe("avarda.checkout2.status: HTTP 401 – the site code or site password was refused")
    await wrong.close()
  })

  it("faults: unreadable success, lost connection and timeout say the outcome is unknown", async () => {
    const { externalId } = (await client.authorize("invoice", request(SE.approved))) as { externalId: string }
    const items = [{ Description: "Socks", Amount: 100, TaxCode: "25", TaxAmount: 20 }]
    sandbox.faults.add({ route: "avarda.checkout2.purchase-order", kind: "malformed", times: 1 })
    await expect(client.purchaseOrder({ ExternalId: externalId, TranId: "t1", Items: items })).rejects.toBeInstanceOf(StandaloneUnreadableAnswerError)
    sandbox.faults.add({ route: "avarda.checkout2.purchase-order", kind: "after-processing", then: "reset", times: 1 })
    await expect(client.purchaseOrder({ ExternalId: externalId, TranId: "t2", Items: items })).rejects.toBeInstanceOf(VendorConnectionLostError)
    sandbox.faults.add({ route: "avarda.checkout2.refund", kind: "hang", times: 1 })
    await expect(client.refund({ ExternalId: externalId, Amount: 1, TranId: "t3" })).rejects.toBeInstanceOf(VendorTimeoutError)
    sandbox.faults.add({ route: "avarda.checkout2.authorize.invoice", kind: "malformed", times: 1 })
    await expect(client.authorize("invoice", request(SE.approved))).rejects.toThrow(/not JSON/)
  })
})
