// The client against the bundled sandbox's My Pages simulator over real HTTP: the contract both
// sides implement from Avarda's My Pages API documentation.
import { startSandbox, type Sandbox } from "../../../../sandbox"
import { MyPagesClient, type MyPagesShopper } from "../client"

describe("MyPagesClient ↔ sandbox", () => {
  let sandbox: Sandbox
  let client: MyPagesClient
  const shopper: MyPagesShopper = { customerAuthToken: "token-of-customer-1", customerAuthenticationReturnUrl: "http://shop.test/account" }

  beforeAll(async () => {
    sandbox = await startSandbox()
  })

  afterAll(async () => {
    await sandbox.stop()
  })

  beforeEach(() => {
    sandbox.reset()
    ;(sandbox.avarda as unknown as { seedMyPages(fixture: unknown): unknown }).seedMyPages({
      identificationNumber: "198005012003",
      market: "SE",
      purchaseIds: ["purchase-1"],
      accounts: [
        { id: "9100000001", type: "Invoice", amount: 1249, dueInDays: 20, description: "Jacket" },
        { id: "9100000002", type: "Loan", amount: 12000, months: 36, dueInDays: 10 },
      ],
    })
    client = new MyPagesClient({
      baseUrl: sandbox.urls.avardaMyPages,
      clientId: sandbox.settings.avarda.clientId,
      clientSecret: sandbox.settings.avarda.clientSecret,
      timeoutMs: 2_000,
    })
  })

  afterEach(async () => {
    await client.close()
  })

  it("lists invoices and holds loans back until the shopper has identified", async () => {
    const invoices = await client.listInvoices("purchase-1", shopper)
    expect(invoices).toEqual({ kind: "ok", data: [expect.objectContaining({ id: "9100000001", state: "Unpaid", balance: 1249, currency: "SEK" })] })
    const accounts = await client.listAccounts("purchase-1", shopper)
    expect(accounts.kind).toBe("strong_authentication_required")

    ;(sandbox.avarda as unknown as { completeStrongAuthentication(token: string, purchaseId: string): void }).completeStrongAuthentication(
      shopper.customerAuthToken,
      "purchase-1"
    )
    const unlocked = await client.listAccounts("purchase-1", shopper)
    expect(unlocked.kind === "ok" && unlocked.data.map((a) => a.type).sort()).toEqual(["Invoice", "Loan"])
    const loan = await client.getAccount("9100000002", "purchase-1", shopper)
    expect(loan.kind === "ok" && loan.data.aprData?.months).toBe(36)
    // Another shopper's token is not unlocked by this one's identification.
    expect((await client.listAccounts("purchase-1", { ...shopper, customerAuthToken: "someone-else" })).kind).toBe("strong_authentication_required")
  })

  it("pays an invoice: /Pay, then /Pay/Status until Paid", async () => {
    const started = await client.startPayment({ accountId: "9100000001", language: 1 }, shopper)
    if (started.kind !== "ok") throw new Error("expected a payment")
    expect(started.data).toEqual({ purchaseId: expect.any(String), jwt: expect.any(String) })
    expect(await client.getPaymentStatus({ purchaseId: started.data.purchaseId, accountId: "9100000001" }, shopper)).toEqual({ kind: "ok", data: { state: "Unpaid" } })
    ;(sandbox.avarda as unknown as { completeMyPagesPayment(id: string, choice: string): unknown }).completeMyPagesPayment(started.data.purchaseId, "full")
    expect(await client.getPaymentStatus({ purchaseId: started.data.purchaseId, accountId: "9100000001" }, shopper)).toEqual({ kind: "ok", data: { state: "Paid" } })
    const invoice = await client.getInvoice("9100000001", "purchase-1", shopper)
    expect(invoice.kind === "ok" && [invoice.data.state, invoice.data.balance]).toEqual(["Paid", 0])
  })

  it("gets a new token after the sandbox expired the old one", async () => {
    await client.listInvoices("purchase-1", shopper)
    ;(sandbox.avarda as unknown as { expireAccessTokens(): void }).expireAccessTokens()
    expect((await client.listInvoices("purchase-1", shopper)).kind).toBe("ok")
    expect(sandbox.journal.entries().filter((e) => e.route === "avarda.mypages.token")).toHaveLength(2)
  })

  it("reports an unknown purchase as Avarda's 404", async () => {
    await expect(client.listInvoices("nobody", shopper)).rejects.toMatchObject({ status: 404 })
  })
})
