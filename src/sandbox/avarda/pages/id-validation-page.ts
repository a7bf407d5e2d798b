/**
 * The page a 202's `redirectUrl` points at: the sandbox's stand-in for BankID / FTN / MitID.
 * GET shows three buttons; POST (form field `action` = identify | cancel | someone-else) finishes
 * the validation and redirects (302) to `idValidationCallbackUrl?authorizationId=…&orderId=…`
 * (`&errorCode=51|52` on failure).
 */
import type { SandboxRequest, SandboxResponse, SandboxRouter } from "../../core/types"
import { formatMinorUnits } from "../shared/money"
import { MARKETS } from "../shared/markets"
import type { AuthorizationRecord, AuthorizationRegistry, IdValidationAction } from "../authorization-api/authorizations"
import { definitionList, escapeHtml, formField, htmlPage, redirect } from "./html"

export const ID_VALIDATION_PAGE_PATH = "/avarda/pages/id-validation"

export function idValidationPageUrl(origin: string, authorizationId: string): string {
  return `${origin}${ID_VALIDATION_PAGE_PATH}/${encodeURIComponent(authorizationId)}`
}

const ACTIONS: readonly IdValidationAction[] = ["identify", "cancel", "someone-else"]

const PROVIDER_OF_MARKET = { SE: "BankID", FI: "FTN (Finnish Trust Network)", NO: "BankID Norge", DK: "MitID" } as const

function finishedPage(record: AuthorizationRecord, callbackUrl: string | undefined): SandboxResponse {
  const outcome = record.outcome
  const text =
    outcome?.status === 0
      ? "Identified. The credit is approved."
      : `The ID validation ended without approval (status ${outcome?.status}, errorCode ${outcome?.errorCode}).`
  const link = callbackUrl
    ? `<p><a href="${escapeHtml(callbackUrl)}">Return to the shop</a></p>`
    : "<p>No idValidationCallbackUrl was given and no default is configured, so there is nowhere to return to.</p>"
  return htmlPage(200, "ID validation finished", `<p>${escapeHtml(text)}</p>${link}`)
}

export function mountIdValidationPage(router: SandboxRouter, registry: AuthorizationRegistry): void {
  const path = `${ID_VALIDATION_PAGE_PATH}/:authorizationId`

  router.route(
    "GET",
    path,
    (req: SandboxRequest) => {
      const record = registry.get(req.params.authorizationId!)
      if (!record) return htmlPage(404, "Unknown ID validation", "<p>There is no authorization with this id.</p>")
      if (!record.pendingIdValidation) {
        return htmlPage(
          409,
          "ID validation no longer active",
          `<p>This ID validation has already ended (status ${record.outcome?.status}${
            record.outcome?.errorCode === undefined ? "" : `, errorCode ${record.outcome.errorCode}`
          }).</p>`,
        )
      }
      const details = definitionList([
        ["Order", record.orderReference],
        ["Amount", `${formatMinorUnits(record.totalMinor)} ${MARKETS[record.market].currency}`],
        ["Personal identity number", record.identificationNumber],
        ["Name", [record.firstName, record.lastName].filter(Boolean).join(" ") || undefined],
      ])
      return htmlPage(
        200,
        `Identify with ${PROVIDER_OF_MARKET[record.market]}`,
        `<p>Avarda needs to confirm your identity before the credit can be granted.</p>${details}
<form method="post" action="${escapeHtml(`${ID_VALIDATION_PAGE_PATH}/${encodeURIComponent(record.authorizationId)}`)}">
<button class="primary" type="submit" name="action" value="identify">Identify</button>
<button type="submit" name="action" value="someone-else">Identify as someone else</button>
<button type="submit" name="action" value="cancel">Cancel</button>
</form>`,
      )
    },
    { name: "avarda.pages.id-validation.show", caseInsensitive: true },
  )

  router.route(
    "POST",
    path,
    (req: SandboxRequest) => {
      const action = formField(req.body, "action")
      if (!action || !(ACTIONS as readonly string[]).includes(action)) {
        return htmlPage(400, "Unknown action", `<p>Form field <code>action</code> must be one of ${ACTIONS.join(", ")}.</p>`)
      }
      const result = registry.completeIdValidation(req.params.authorizationId!, action as IdValidationAction)
      if (!result.ok && result.reason === "not-found") {
        return htmlPage(404, "Unknown ID validation", "<p>There is no authorization with this id.</p>")
      }
      // Finished (or timed out) earlier: send the shopper back with the result that stands.
      const record = result.ok ? result.record : result.record!
      const callbackUrl = registry.callbackUrlFor(record)
      return callbackUrl ? redirect(callbackUrl) : finishedPage(record, callbackUrl)
    },
    { name: "avarda.pages.id-validation.submit", caseInsensitive: true },
  )
}
