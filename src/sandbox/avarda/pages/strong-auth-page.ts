/**
 * My Pages strong authentication: the `redirectUrl` of a 202 from `/Accounts`. GET shows
 * "Identify" / "Cancel"; POST (form field `action` = identify | cancel) redirects (302) back to
 * `customerAuthenticationReturnUrl`. After "identify", the same customerAuthToken gets 200.
 */
import type { SandboxRequest, SandboxResponse, SandboxRouter } from "../../core/types"
import type { MyPagesState } from "../my-pages/my-pages-state"
import { escapeHtml, formField, htmlPage, redirect } from "./html"

export const STRONG_AUTH_PAGE_PATH = "/avarda/pages/mypages-strong-auth"

export function strongAuthPageUrl(origin: string, sessionId: string): string {
  return `${origin}${STRONG_AUTH_PAGE_PATH}/${encodeURIComponent(sessionId)}`
}

export function mountStrongAuthPage(router: SandboxRouter, state: MyPagesState): void {
  const path = `${STRONG_AUTH_PAGE_PATH}/:sessionId`
  router.route(
    "GET",
    path,
    (req: SandboxRequest) => {
      const session = state.strongAuthSession(req.params.sessionId!)
      if (!session) return htmlPage(404, "Unknown authentication", "<p>There is no strong-authentication session with this id.</p>")
      return htmlPage(
        200,
        "Identify to see your loans",
        `<p>Your loan details are sensitive. Identify with BankID to continue.</p>
${session.result ? `<p>This session was already completed (${escapeHtml(session.result)}).</p>` : ""}
<form method="post" action="${escapeHtml(`${STRONG_AUTH_PAGE_PATH}/${encodeURIComponent(session.id)}`)}">
<button class="primary" type="submit" name="action" value="identify">Identify</button>
<button type="submit" name="action" value="cancel">Cancel</button>
</form>`,
      )
    },
    { name: "avarda.pages.mypages-strong-auth.show", caseInsensitive: true },
  )
  router.route(
    "POST",
    path,
    (req: SandboxRequest): SandboxResponse => {
      const session = state.strongAuthSession(req.params.sessionId!)
      if (!session) return htmlPage(404, "Unknown authentication", "<p>There is no strong-authentication session with this id.</p>")
      const action = formField(req.body, "action")
      if (action !== "identify" && action !== "cancel") {
        return htmlPage(400, "Unknown action", "<p>Form field <code>action</code> must be identify or cancel.</p>")
      }
      state.completeStrongAuth(session, action === "identify" ? "identified" : "cancelled")
      return redirect(session.returnUrl)
    },
    { name: "avarda.pages.mypages-strong-auth.submit", caseInsensitive: true },
  )
}
