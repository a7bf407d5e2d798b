/**
 * My Pages reads shared within one request. A read started early — with the customer's previous
 * scope, while the request's own scope is still being read from the database — is handed to the
 * request when it makes exactly the same read: same operation, same ids, same shopper headers (whose
 * token stands for the customer and the proof of identity). Any other read goes to Avarda as usual,
 * so what a request shows always comes from a read its own scope asked for.
 */
import type { MyPagesClient, MyPagesShopper } from "./client"

/** The reads of `MyPagesClient` (the GETs): none of them changes anything at Avarda. */
export type MyPagesReader = Pick<MyPagesClient, "listAccounts" | "listInvoices" | "getAccount" | "getInvoice">

export class SharedMyPagesReads {
  private readonly reads = new Map<string, Promise<unknown>>()

  /** The reads through `client`, each distinct read made at most once for this request. */
  over(client: MyPagesReader): MyPagesReader {
    return {
      listAccounts: (purchaseId, shopper) => this.once(["listAccounts", purchaseId], shopper, () => client.listAccounts(purchaseId, shopper)),
      listInvoices: (purchaseId, shopper) => this.once(["listInvoices", purchaseId], shopper, () => client.listInvoices(purchaseId, shopper)),
      getAccount: (accountId, purchaseId, shopper) =>
        this.once(["getAccount", accountId, purchaseId], shopper, () => client.getAccount(accountId, purchaseId, shopper)),
      getInvoice: (invoiceId, purchaseId, shopper) =>
        this.once(["getInvoice", invoiceId, purchaseId], shopper, () => client.getInvoice(invoiceId, purchaseId, shopper)),
    }
  }

  /** How many distinct reads were made. */
  get size(): number {
    return this.reads.size
  }

  private once<T>(call: string[], shopper: MyPagesShopper, read: () => Promise<T>): Promise<T> {
    const key = JSON.stringify([...call, shopper.customerAuthToken, shopper.customerTokenProvider ?? "Self", shopper.customerAuthenticationReturnUrl])
    const known = this.reads.get(key)
    if (known) return known as Promise<T>
    const started = read()
    // A read started early that the request ends up not using must not surface as an unhandled
    // rejection; whoever does use it still gets its failure.
    started.catch(() => undefined)
    this.reads.set(key, started)
    return started
  }
}
