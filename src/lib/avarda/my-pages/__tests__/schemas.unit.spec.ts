import { accountDetailSchema, accountListSchema, invoiceListSchema, payStatusSchema, tokenResponseSchema } from "../schemas"

const vendorDocAccount = {
  id: "string",
  currency: "SEK",
  balance: 0,
  type: "Invoice",
  dueDate: "2021-11-27T16:30:11.848Z",
  accountDate: "2021-11-27T16:30:11.848Z",
  state: "Unpaid",
  paymentReference: "string",
  purchaseId: ["string"],
  myPagesLiveUrl: "string",
  scheduledPaymentAmount: 0,
  scheduledPaymentChargeDate: "2021-11-27T16:30:11.848Z",
  transactions: [
    {
      description: "string",
      notes: "string",
      amount: 0,
      taxAmount: 0,
      taxCode: "string",
      transactionType: "string",
      transactionDate: "2021-11-27T16:30:11.848Z",
      orderReference: "string",
    },
  ],
  minimumAmountToPay: 0,
  originalAmount: 0,
  receiver: "string",
  bankAccount: "string",
  aprData: { creditAmount: 0, months: 0, perMonth: 0, percent: 0, totalCredit: 0, totalAmount: 0, interestRate: 0, invoiceFee: 0 },
  orderReference: ["string"],
}

describe("My Pages schemas", () => {
  it("parses the account example of Avarda's Accounts page", () => {
    const account = accountDetailSchema.parse(vendorDocAccount)
    expect(account.transactions).toHaveLength(1)
    expect(account.aprData?.months).toBe(0)
    expect(account.purchaseId).toEqual(["string"])
  })

  it.each([
    ["a state Avarda adds later", { state: "DebtCollection" }, (a: { state: string }) => expect(a.state).toBe("DebtCollection")],
    ["an account type Avarda adds later", { type: "SubscriptionInvoice" }, (a: { type: string }) => expect(a.type).toBe("SubscriptionInvoice")],
    ["a currency outside SEK/EUR/NOK/DKK", { currency: "PLN" }, (a: { currency: string }) => expect(a.currency).toBe("PLN")],
    ["amounts sent as decimal strings", { balance: "1249.50" }, (a: { balance: number }) => expect(a.balance).toBe(1249.5)],
    ["purchaseId as a single string", { purchaseId: "p-1" }, (a: { purchaseId: string[] }) => expect(a.purchaseId).toEqual(["p-1"])],
    ["null optional fields", { myPagesLiveUrl: null, aprData: null, transactions: null }, (a: { myPagesLiveUrl: string | null; transactions: unknown[] }) => {
      expect(a.myPagesLiveUrl).toBeNull()
      expect(a.transactions).toEqual([])
    }],
    ["fields nobody documented", { brandNewField: { x: 1 } }, (a: object) => expect(a).not.toHaveProperty("brandNewField")],
  ])("tolerates %s", (_label, patch, check) => {
    const parsed = accountDetailSchema.safeParse({ ...vendorDocAccount, ...patch })
    expect(parsed.success).toBe(true)
    check(parsed.data as never)
  })

  it.each([
    ["no id", { id: undefined }],
    ["no balance", { balance: undefined }],
    ["a balance that is not a number", { balance: "lots" }],
    ["no state", { state: undefined }],
  ])("refuses an account with %s", (_label, patch) => {
    expect(accountListSchema.safeParse([{ ...vendorDocAccount, ...patch }]).success).toBe(false)
  })

  it("parses invoice summaries and defaults `postponed` and `type`", () => {
    const [invoice] = invoiceListSchema.parse([
      { id: "7000000001", invoiceDate: "2024-01-01T00:00:00Z", dueDate: "2024-01-31T00:00:00Z", currency: "SEK", balance: 10.5, state: "Overdue" },
    ])
    expect(invoice).toMatchObject({ id: "7000000001", type: "Invoice", postponed: false, purchaseId: [], balance: 10.5 })
  })

  it("parses the token answer and the pay status", () => {
    expect(tokenResponseSchema.parse({ token: "jwt", tokenExpirationUtc: "2030-01-01T00:00:00Z" }).token).toBe("jwt")
    expect(payStatusSchema.parse({ state: "paid" }).state).toBe("paid")
    expect(tokenResponseSchema.safeParse({ tokenExpirationUtc: "2030-01-01T00:00:00Z" }).success).toBe(false)
  })
})
