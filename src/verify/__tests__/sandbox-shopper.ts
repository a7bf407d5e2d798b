// Plays the operator of an interactive verify run against the sandbox: pays each hosted page as a
// browser does (open it, submit the card form, follow the redirect back to the shop's return URL).
import type { PaymentPage, VerifyOperator } from "../avirato/hosted-payment-scenario"

export const TEST_CARD = { cardNumber: "4111 1111 1111 1111", expiry: "12/30", cvc: "737", holderName: "Test User" }

export async function payLikeABrowser(url: string): Promise<void> {
  const page = await fetch(url)
  if (page.status !== 200) throw new Error(`payment page ${url}: HTTP ${page.status}`)
  const submitted = await fetch(url, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(TEST_CARD).toString(),
  })
  const location = submitted.headers.get("location")
  if (submitted.status !== 302 || !location) throw new Error(`payment page ${url}: HTTP ${submitted.status} without a redirect`)
  const back = await fetch(location)
  await back.text()
}

export function sandboxShopper(): VerifyOperator & { pages: PaymentPage[]; told: string[] } {
  const pages: PaymentPage[] = []
  const told: string[] = []
  return {
    pages,
    told,
    tell: (message) => void told.push(message),
    async payPages(list) {
      pages.push(...list)
      for (const page of list) await payLikeABrowser(page.url)
    },
    webhookUrlRegistered: async () => {
      throw new Error("a sandbox run registers the webhook URL itself")
    },
  }
}
