import type { SandboxRequest, SandboxResponse, SandboxRouter } from "../core/types"
import type { AviratoDeps } from "./deps"
import { PAYMENT_PAGE_PATH } from "./environment"
import { cancelOnPage, submitCard, type PaymentPageResult } from "./payment-flow"
import { renderMessagePage, renderPaymentPage } from "./payment-page-html"
import { openPage, pageSecondsLeft, settlePageTimeout } from "./session-lifecycle"

const HTML_HEADERS = { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" }

function html(status: number, body: string): SandboxResponse {
  return { status, headers: HTML_HEADERS, body }
}

function redirect(location: string): SandboxResponse {
  return { status: 302, headers: { location, "cache-control": "no-store" }, body: "" }
}

function formField(body: unknown, name: string): string | undefined {
  if (body === null || typeof body !== "object") return undefined
  const value = (body as Record<string, unknown>)[name]
  return typeof value === "string" ? value : Array.isArray(value) && typeof value[0] === "string" ? value[0] : undefined
}

/**
 * The hosted payment page at `paymentUrl`: GET shows the card form (the first GET starts the
 * 5-minute timer), POST (form-urlencoded) pays or cancels and answers 302 to urlOk?data=… or urlKo.
 */
export function mountPaymentPageRoutes(router: SandboxRouter, deps: AviratoDeps): void {
  const { ctx, store } = deps
  const notFoundPage = () => html(404, renderMessagePage("Payment link not found", "This payment link is not valid."))

  router.route(
    "GET",
    `${PAYMENT_PAGE_PATH}/:token`,
    (req) => {
      const session = store.sessionsByPageToken.get(req.params.token)
      if (!session) return notFoundPage()
      const now = ctx.clock.now()
      settlePageTimeout(session, now)
      if (session.status === "completed") {
        return html(200, renderMessagePage("Payment completed", "This payment has already been completed. You can close this page."))
      }
      if (session.status !== "pending") return redirect(session.urlKo)
      openPage(session, now)
      return html(200, renderPaymentPage({ session, secondsLeft: pageSecondsLeft(session, now) }))
    },
    { name: "avirato.page.show" },
  )

  router.route(
    "POST",
    `${PAYMENT_PAGE_PATH}/:token`,
    async (req: SandboxRequest) => {
      const session = store.sessionsByPageToken.get(req.params.token)
      if (!session) return notFoundPage()
      // A form posted without a prior GET (plain HTTP clients) starts the timer now.
      openPage(session, ctx.clock.now())
      const result: PaymentPageResult =
        formField(req.body, "action") === "cancel" ? await cancelOnPage(deps, session) : await submitCard(deps, session, req.body)
      if (result.kind === "redirect") return redirect(result.location)
      return html(
        400,
        renderPaymentPage({
          session,
          secondsLeft: pageSecondsLeft(session, ctx.clock.now()),
          errors: result.errors,
          values: {
            cardNumber: formField(req.body, "cardNumber"),
            expiry: formField(req.body, "expiry"),
            holderName: formField(req.body, "holderName"),
          },
        }),
      )
    },
    { name: "avirato.page.submit" },
  )
}
