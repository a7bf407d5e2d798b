/**
 * The simulated Checkout 3.0 form of My Pages "Pay" (the real one is Avarda's JS widget mounted
 * with `purchaseId` + `jwt`). GET `/avarda/pages/mypages-pay?purchaseId=…&jwt=…[&redirectUrl=…]`
 * shows the open amount and a choice of full / minimum / custom amount. POST the form fields
 * `purchaseId`, `jwt`, `redirectUrl` (optional), `action` = pay | cancel | fail, `amountOption` =
 * full | minimum | custom and `customAmount` (e.g. "250.00"). With a redirectUrl the answer is a
 * 302 to `redirectUrl?purchaseId=…&state=…`, otherwise an HTML result page.
 */
import type { SandboxRequest, SandboxResponse, SandboxRouter } from "../../core/types"
import { formatMinorUnits, toMinorUnits } from "../shared/money"
import type { MyPagesState, PaymentChoice, PaySession } from "../my-pages/my-pages-state"
import { definitionList, escapeHtml, formField, htmlPage, redirect } from "./html"

export const PAY_PAGE_PATH = "/avarda/pages/mypages-pay"

export function payPageUrl(origin: string, purchaseId: string, jwt: string, redirectUrl?: string): string {
  const url = new URL(`${origin}${PAY_PAGE_PATH}`)
  url.searchParams.set("purchaseId", purchaseId)
  url.searchParams.set("jwt", jwt)
  if (redirectUrl) url.searchParams.set("redirectUrl", redirectUrl)
  return url.toString()
}

function formPage(state: MyPagesState, session: PaySession, jwt: string, redirectUrl: string | undefined, error?: string): SandboxResponse {
  const account = state.findAccount(session.accountId)
  if (!account) return htmlPage(404, "Unknown account", "<p>The account of this payment no longer exists.</p>")
  const figures = state.figures(account)
  const hidden = (name: string, value: string | undefined) =>
    value === undefined ? "" : `<input type="hidden" name="${name}" value="${escapeHtml(value)}">`
  return htmlPage(
    error ? 400 : 200,
    "Pay your invoice",
    `${error ? `<p class="error">${escapeHtml(error)}</p>` : ""}${definitionList([
      ["Account", account.id],
      ["Type", account.type],
      ["Balance", `${formatMinorUnits(figures.balanceMinor)} ${account.currency}`],
      ["Minimum amount", `${formatMinorUnits(figures.minimumAmountToPayMinor)} ${account.currency}`],
      ["Due date", figures.dueDate.toISOString().slice(0, 10)],
    ])}
<form method="post" action="${PAY_PAGE_PATH}">
${hidden("purchaseId", session.purchaseId)}${hidden("jwt", jwt)}${hidden("redirectUrl", redirectUrl)}
<fieldset><legend>Amount</legend>
<label><input type="radio" name="amountOption" value="full" checked> Full amount (${formatMinorUnits(figures.balanceMinor)})</label>
<label><input type="radio" name="amountOption" value="minimum"> Minimum amount (${formatMinorUnits(figures.minimumAmountToPayMinor)})</label>
<label><input type="radio" name="amountOption" value="custom"> Other amount <input type="text" name="customAmount" inputmode="decimal" placeholder="0.00"></label>
</fieldset>
<button class="primary" type="submit" name="action" value="pay">Complete payment</button>
<button type="submit" name="action" value="cancel">Cancel</button>
<button type="submit" name="action" value="fail">Simulate a payment error</button>
</form>`,
  )
}

function resultPage(session: PaySession): SandboxResponse {
  const text =
    session.state === "Paid"
      ? `Paid ${formatMinorUnits(session.amountMinor ?? 0)}.`
      : `The payment ended with state ${session.state}.`
  return htmlPage(200, "Payment finished", `<p>${escapeHtml(text)}</p>`)
}

export function mountPayPage(router: SandboxRouter, state: MyPagesState): void {
  const load = async (purchaseId: string | undefined, jwt: string | undefined) => {
    if (!purchaseId || !jwt) return { error: htmlPage(400, "Missing parameters", "<p><code>purchaseId</code> and <code>jwt</code> are required.</p>") }
    const session = state.paySession(purchaseId)
    if (!session) return { error: htmlPage(404, "Unknown payment", "<p>There is no payment with this purchaseId.</p>") }
    if (!(await state.verifyPayJwt(purchaseId, jwt))) {
      return { error: htmlPage(401, "Invalid or expired session", "<p>The jwt does not belong to this payment or has expired.</p>") }
    }
    return { session }
  }

  router.route(
    "GET",
    PAY_PAGE_PATH,
    async (req: SandboxRequest) => {
      const redirectUrl = req.query.get("redirectUrl") ?? undefined
      const jwt = req.query.get("jwt") ?? undefined
      const loaded = await load(req.query.get("purchaseId") ?? undefined, jwt)
      if (loaded.error) return loaded.error
      const session = loaded.session!
      if (session.state !== "Unpaid") return resultPage(session)
      return formPage(state, session, jwt!, redirectUrl)
    },
    { name: "avarda.pages.mypages-pay.show", caseInsensitive: true },
  )

  router.route(
    "POST",
    PAY_PAGE_PATH,
    async (req: SandboxRequest) => {
      const jwt = formField(req.body, "jwt")
      const redirectUrl = formField(req.body, "redirectUrl") || undefined
      const loaded = await load(formField(req.body, "purchaseId"), jwt)
      if (loaded.error) return loaded.error
      const session = loaded.session!
      const action = formField(req.body, "action") ?? "pay"
      let choice: PaymentChoice | { kind: "cancel" } | { kind: "fail" }
      if (action === "cancel" || action === "fail") choice = { kind: action }
      else if (action !== "pay") return htmlPage(400, "Unknown action", "<p>Form field <code>action</code> must be pay, cancel or fail.</p>")
      else {
        const option = formField(req.body, "amountOption") ?? "full"
        if (option === "full" || option === "minimum") choice = { kind: option }
        else if (option === "custom") {
          const amountMinor = toMinorUnits((formField(req.body, "customAmount") ?? "").trim().replace(",", "."))
          if (amountMinor === undefined || amountMinor <= 0) {
            return formPage(state, session, jwt!, redirectUrl, "Enter a positive amount with at most 2 decimals.")
          }
          choice = { kind: "custom", amountMinor }
        } else return formPage(state, session, jwt!, redirectUrl, "Choose full, minimum or a custom amount.")
      }
      const result = state.completePayment(session, choice)
      if (!result.ok) {
        return session.state === "Unpaid" ? formPage(state, session, jwt!, redirectUrl, result.error) : resultPage(session)
      }
      if (redirectUrl && URL.canParse(redirectUrl)) {
        const url = new URL(redirectUrl)
        url.searchParams.append("purchaseId", session.purchaseId)
        url.searchParams.append("state", session.state)
        return redirect(url.toString())
      }
      return resultPage(session)
    },
    { name: "avarda.pages.mypages-pay.submit", caseInsensitive: true },
  )
}
