/**
 * CheckOut2's electronic-ID page: `/avarda/checkout2/CheckOut2ElectronicId/?externalId=…&returnUrl=…`.
 * GET shows "Identify" / "Cancel"; POST (form fields externalId, returnUrl, action = identify | cancel)
 * redirects (302) to `returnUrl?externalId=…&status=OK|Cancel`.
 */
import type { SandboxRequest, SandboxResponse, SandboxRouter } from "../../core/types"
import { formatMinorUnits } from "../shared/money"
import { MARKETS } from "../shared/markets"
import { PURCHASE_STATE, type StandalonePurchaseRegistry } from "../standalone/purchases"
import { definitionList, escapeHtml, formField, htmlPage, redirect } from "./html"

export const ELECTRONIC_ID_PATH = "/avarda/checkout2/CheckOut2ElectronicId"

function returnUrlWith(returnUrl: string, externalId: string, status: "OK" | "Cancel"): string {
  const url = new URL(returnUrl)
  url.searchParams.append("externalId", externalId)
  url.searchParams.append("status", status)
  return url.toString()
}

function isAbsoluteUrl(value: string | undefined): value is string {
  if (!value) return false
  try {
    new URL(value)
    return true
  } catch {
    return false
  }
}

export function mountElectronicIdPage(router: SandboxRouter, registry: StandalonePurchaseRegistry): void {
  router.route(
    "GET",
    ELECTRONIC_ID_PATH,
    (req: SandboxRequest) => {
      const externalId = req.query.get("externalId") ?? ""
      const returnUrl = req.query.get("returnUrl") ?? undefined
      const purchase = registry.get(externalId)
      if (!purchase) return htmlPage(404, "Unknown purchase", "<p>There is no purchase with this externalId.</p>")
      if (!isAbsoluteUrl(returnUrl)) return htmlPage(400, "Missing returnUrl", "<p>The query parameter <code>returnUrl</code> must be an absolute URL.</p>")
      if (!purchase.pendingElectronicId) {
        return htmlPage(409, "Electronic ID no longer active", `<p>This purchase is not waiting for electronic ID (State ${purchase.state}).</p>`)
      }
      const details = definitionList([
        ["Order", purchase.input.OrderReference],
        ["Amount", `${formatMinorUnits(purchase.priceMinor)} ${MARKETS[purchase.market].currency}`],
        ["Personal identity number", purchase.input.IdentificationNumber],
      ])
      return htmlPage(
        200,
        "Electronic ID",
        `<p>Confirm your identity to complete the purchase.</p>${details}
<form method="post" action="${ELECTRONIC_ID_PATH}/">
<input type="hidden" name="externalId" value="${escapeHtml(purchase.externalId)}">
<input type="hidden" name="returnUrl" value="${escapeHtml(returnUrl)}">
<button class="primary" type="submit" name="action" value="identify">Identify</button>
<button type="submit" name="action" value="cancel">Cancel</button>
</form>`,
      )
    },
    { name: "avarda.checkout2.electronic-id.show", caseInsensitive: true },
  )

  router.route(
    "POST",
    ELECTRONIC_ID_PATH,
    (req: SandboxRequest): SandboxResponse => {
      const externalId = formField(req.body, "externalId") ?? req.query.get("externalId") ?? ""
      const returnUrl = formField(req.body, "returnUrl") ?? req.query.get("returnUrl") ?? undefined
      const action = formField(req.body, "action")
      if (action !== "identify" && action !== "cancel") {
        return htmlPage(400, "Unknown action", "<p>Form field <code>action</code> must be identify or cancel.</p>")
      }
      if (!isAbsoluteUrl(returnUrl)) return htmlPage(400, "Missing returnUrl", "<p>Form field <code>returnUrl</code> must be an absolute URL.</p>")
      const result = registry.completeElectronicId(externalId, action === "identify" ? "OK" : "Cancel")
      if (!result.ok && result.reason === "not-found") return htmlPage(404, "Unknown purchase", "<p>There is no purchase with this externalId.</p>")
      const purchase = result.ok ? result.purchase : result.purchase!
      const status = result.ok ? result.status : purchase.state === PURCHASE_STATE.Completed ? "OK" : "Cancel"
      return redirect(returnUrlWith(returnUrl, purchase.externalId, status))
    },
    { name: "avarda.checkout2.electronic-id.submit", caseInsensitive: true },
  )
}
