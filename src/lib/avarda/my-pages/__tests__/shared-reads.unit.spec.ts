import type { MyPagesShopper } from "../client"
import { SharedMyPagesReads, type MyPagesReader } from "../shared-reads"

const customer: MyPagesShopper = { customerAuthToken: "customer-token", customerAuthenticationReturnUrl: "https://shop.example/account/invoices" }
const proven: MyPagesShopper = { ...customer, customerAuthToken: "proven-token" }

function recordingClient(answer: (call: string) => Promise<unknown> = async (call) => ({ kind: "ok", data: call })) {
  const calls: string[] = []
  const record = (call: string) => {
    calls.push(call)
    return answer(call) as never
  }
  const client: MyPagesReader = {
    listAccounts: (purchaseId, shopper) => record(`listAccounts ${purchaseId} ${shopper.customerAuthToken}`),
    listInvoices: (purchaseId, shopper) => record(`listInvoices ${purchaseId} ${shopper.customerAuthToken}`),
    getAccount: (id, purchaseId, shopper) => record(`getAccount ${id} ${purchaseId} ${shopper.customerAuthToken}`),
    getInvoice: (id, purchaseId, shopper) => record(`getInvoice ${id} ${purchaseId} ${shopper.customerAuthToken}`),
  }
  return { client, calls }
}

describe("SharedMyPagesReads", () => {
  it("hands a read made ahead to the request that makes exactly the same read: one call to Avarda", async () => {
    const { client, calls } = recordingClient()
    const reads = new SharedMyPagesReads()
    const ahead = reads.over(client).getAccount("7100000001", "P1", proven)
    const own = reads.over(client).getAccount("7100000001", "P1", proven)
    expect(await own).toEqual(await ahead)
    expect(calls).toEqual(["getAccount 7100000001 P1 proven-token"])
    expect(reads.size).toBe(1)
  })

  it.each([
    ["another shopper token (another proof, or none)", (r: MyPagesReader) => r.getAccount("7100000001", "P1", customer)],
    ["another return URL", (r: MyPagesReader) => r.getAccount("7100000001", "P1", { ...proven, customerAuthenticationReturnUrl: "https://shop.example/other" })],
    ["another token provider", (r: MyPagesReader) => r.getAccount("7100000001", "P1", { ...proven, customerTokenProvider: "Google" })],
    ["another account", (r: MyPagesReader) => r.getAccount("7100000002", "P1", proven)],
    ["another purchase", (r: MyPagesReader) => r.getAccount("7100000001", "P2", proven)],
    ["an invoice of the same id", (r: MyPagesReader) => r.getInvoice("7100000001", "P1", proven)],
  ])("makes its own call for %s", async (_, read) => {
    const { client, calls } = recordingClient()
    const reads = new SharedMyPagesReads()
    await reads.over(client).getAccount("7100000001", "P1", proven)
    await read(reads.over(client))
    expect(calls).toHaveLength(2)
  })

  it("keeps list reads of accounts and invoices apart", async () => {
    const { client, calls } = recordingClient()
    const reads = new SharedMyPagesReads().over(client)
    await Promise.all([reads.listAccounts("P1", customer), reads.listInvoices("P1", customer), reads.listAccounts("P1", customer)])
    expect(calls).toEqual(["listAccounts P1 customer-token", "listInvoices P1 customer-token"])
  })

  it("a failed read made ahead and never used raises no unhandled rejection; a request that uses it gets the failure", async () => {
    const unhandled: unknown[] = []
    const onUnhandled = (reason: unknown) => unhandled.push(reason)
    process.on("unhandledRejection", onUnhandled)
    try {
      const { client } = recordingClient(async () => {
        throw new Error("Avarda: 503")
      })
      const reads = new SharedMyPagesReads()
      void reads.over(client).listAccounts("P1", proven)
      await new Promise((resolve) => setImmediate(resolve))
      await new Promise((resolve) => setTimeout(resolve, 10))
      expect(unhandled).toEqual([])
      await expect(reads.over(client).listAccounts("P1", proven)).rejects.toThrow("Avarda: 503")
    } finally {
      process.off("unhandledRejection", onUnhandled)
    }
  })
})
