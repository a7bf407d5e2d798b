/**
 * CheckOut2Api "Standalone Credit" routes, mounted under `/avarda/checkout2`, HTTP Basic
 * (Site Code : Site Password). Paths match case-insensitively like the ASP.NET service.
 */
import type { AvardaSandboxSettings, SandboxRequest, SandboxResponse, SandboxRouter } from "../../core/types"
import { decideCredit } from "../shared/credit-decision"
import type { CreditProduct } from "../shared/credit-purchase"
import { rowsTotalMinor, type InvoiceRow } from "../shared/invoice-rows"
import { fromMinorUnits, toMinorUnits } from "../shared/money"
import { emptyOk, jsonResponse } from "../shared/responses"
import {
  commerceErrorResponse,
  commerceFieldError,
  COMMERCE_ERRORS,
  creditNotApprovedResponse,
  technicalErrorResponse,
  unauthorizedResponse,
  validationErrorResponse,
  type CommerceError,
} from "./errors"
import { readLegacyJson } from "./legacy-json"
import type { CommerceRequest, CommerceResult, StandalonePurchaseRegistry } from "./purchases"
import {
  authorizeEidSchema,
  cancelPaymentSchema,
  paymentStatusSchema,
  purchaseOrderSchema,
  refundRemainingSchema,
  refundSchema,
  STANDALONE_KEYS,
  type PurchaseOrderInput,
} from "./request-schemas"
import { checkStandaloneItems, validateAuthorizeEid } from "./rules"

export const CHECKOUT2_PREFIX = "/avarda/checkout2"

export const AUTHORIZE_PATHS: Record<CreditProduct, string> = {
  invoice: "/CheckOut2Api/v2/AuthorizeInvoiceEID",
  "direct-invoice": "/CheckOut2Api/v2/AuthorizeDirectInvoiceEID",
  loan: "/CheckOut2Api/v2/AuthorizeLoanEID",
  "part-payment": "/CheckOut2Api/AuthorizePartPaymentEID",
}

export interface StandaloneDeps {
  registry: StandalonePurchaseRegistry
  settings(): AvardaSandboxSettings
  now(): Date
}

export function hasValidBasicAuth(req: SandboxRequest, settings: AvardaSandboxSettings): boolean {
  const match = /^Basic\s+(\S+)\s*$/i.exec(String(req.headers.authorization ?? ""))
  if (!match) return false
  const decoded = Buffer.from(match[1]!, "base64").toString("utf8")
  return decoded === `${settings.siteCode}:${settings.sitePassword}`
}

const blank = (value: string | undefined): value is undefined => value === undefined || value.trim() === ""

function commerceResponse(result: CommerceResult): SandboxResponse {
  return result.ok ? emptyOk() : commerceErrorResponse([result.error])
}

/** OrderReference and TranId of a commerce body, each only when given. */
function commerceReferencesOf(input: { OrderReference?: string; TranId?: string }): Pick<CommerceRequest, "orderReference" | "tranId"> {
  return {
    ...(input.OrderReference ? { orderReference: input.OrderReference } : {}),
    ...(input.TranId ? { tranId: input.TranId } : {}),
  }
}

/** Field checks of PurchaseOrder / ReturnOrder; rows and total when valid. */
function checkOrderBody(input: PurchaseOrderInput): { errors: CommerceError[]; rows?: InvoiceRow[] } {
  if (blank(input.ExternalId)) return { errors: [COMMERCE_ERRORS.invalidExternalId] }
  const messages: string[] = []
  const rows = checkStandaloneItems(input.Items, messages)
  if (input.TranId !== undefined && input.TranId.length > 36) messages.push("TranId must be between 0 and 36 characters.")
  if (rows && rowsTotalMinor(rows) <= 0) messages.push("The total sum of all items must be positive.")
  return messages.length > 0 ? { errors: messages.map(commerceFieldError) } : { errors: [], rows: rows! }
}

export function mountStandaloneApi(router: SandboxRouter, deps: StandaloneDeps): void {
  const { registry } = deps
  const route = (path: string, name: string, handler: (req: SandboxRequest) => SandboxResponse) =>
    router.route(
      "POST",
      `${CHECKOUT2_PREFIX}${path}`,
      (req) => (hasValidBasicAuth(req, deps.settings()) ? handler(req) : unauthorizedResponse()),
      { name, caseInsensitive: true },
    )

  for (const [product, path] of Object.entries(AUTHORIZE_PATHS) as [CreditProduct, string][]) {
    route(path, `avarda.checkout2.authorize.${product}`, (req) => {
      const body = readLegacyJson(req, authorizeEidSchema, STANDALONE_KEYS)
      if (!body.ok) return body.response
      const today = deps.now()
      const valid = validateAuthorizeEid(product, body.value, today, (token) => registry.isKnownCustomerToken(token))
      if (!valid.ok) return validationErrorResponse(valid.messages)
      const request = valid.request
      const decision = decideCredit({
        identificationNumber: request.input.IdentificationNumber!,
        market: request.market,
        totalMinor: request.priceMinor,
        mockMode: false,
        today,
      })
      switch (decision.kind) {
        case "rejected":
          return creditNotApprovedResponse(request.language)
        case "technical":
          return technicalErrorResponse(decision.errorCode === 100 ? "timeout" : "internal", request.language)
        case "idValidation": {
          const purchase = registry.create(request, decision.identifyResult)
          return jsonResponse(200, { ExternalId: purchase.externalId, IsElectronicValidationNeeded: true, ErrorType: 0, ErrorMessage: null })
        }
        case "approved": {
          const purchase = registry.create(request, undefined)
          return jsonResponse(200, {
            ExternalId: purchase.externalId,
            AccountNumber: purchase.accountNumber,
            FirstName: request.input.InvoicingFirstName ?? null,
            LastName: request.input.InvoicingLastName ?? null,
            RequireDeliveryAuthorization: false,
            CreditLimit: fromMinorUnits(purchase.creditLimitMinor),
            ErrorType: 0,
            ErrorMessage: null,
          })
        }
      }
    })
  }

  route("/CheckOut2Api/GetPaymentStatus", "avarda.checkout2.status", (req) => {
    const body = readLegacyJson(req, paymentStatusSchema, STANDALONE_KEYS)
    if (!body.ok) return body.response
    const purchase = registry.get(body.value.PurchaseId)
    if (!purchase) return commerceErrorResponse([COMMERCE_ERRORS.invalidExternalId])
    return jsonResponse(200, registry.statusBody(purchase))
  })

  /** PurchaseOrder and ReturnOrder take the same body under the same field checks. */
  const orderRoute = (path: string, name: string, apply: (externalId: string | undefined, request: CommerceRequest) => CommerceResult) =>
    route(path, name, (req) => {
      const body = readLegacyJson(req, purchaseOrderSchema, STANDALONE_KEYS)
      if (!body.ok) return body.response
      const checked = checkOrderBody(body.value)
      if (!checked.rows) return commerceErrorResponse(checked.errors)
      const input = body.value
      return commerceResponse(apply(input.ExternalId, { ...commerceReferencesOf(input), rows: checked.rows, totalMinor: rowsTotalMinor(checked.rows) }))
    })
  orderRoute("/CheckOut2Api/Commerce/PurchaseOrder", "avarda.checkout2.purchase-order", (id, request) => registry.purchaseOrder(id, request))
  orderRoute("/CheckOut2Api/Commerce/ReturnOrder", "avarda.checkout2.return-order", (id, request) => registry.returnOrder(id, request))

  route("/CheckOut2Api/Commerce/Refund", "avarda.checkout2.refund", (req) => {
    const body = readLegacyJson(req, refundSchema, STANDALONE_KEYS)
    if (!body.ok) return body.response
    const input = body.value
    if (blank(input.ExternalId)) return commerceErrorResponse([COMMERCE_ERRORS.invalidExternalId])
    if (input.Amount === undefined) return commerceErrorResponse([commerceFieldError("Amount can’t be empty!")])
    const amountMinor = toMinorUnits(input.Amount)
    if (amountMinor === undefined) return commerceErrorResponse([commerceFieldError("The amount can have a maximum of 2 decimal places.")])
    if (amountMinor <= 0) return commerceErrorResponse([commerceFieldError("Amount must be greater than 0.")])
    if (input.TranId !== undefined && input.TranId.length > 36) {
      return commerceErrorResponse([commerceFieldError("TranId must be between 0 and 36 characters.")])
    }
    return commerceResponse(
      registry.refund(input.ExternalId, {
        ...commerceReferencesOf(input),
        rows: [{ description: "Refund", unitAmountMinor: amountMinor, quantity: 1, unitTaxMinor: 0 }],
        totalMinor: amountMinor,
      }),
    )
  })

  route("/CheckOut2Api/Commerce/RefundRemaining", "avarda.checkout2.refund-remaining", (req) => {
    const body = readLegacyJson(req, refundRemainingSchema, STANDALONE_KEYS)
    if (!body.ok) return body.response
    const input = body.value
    if (blank(input.ExternalId)) return commerceErrorResponse([COMMERCE_ERRORS.invalidExternalId])
    if (blank(input.OrderReference)) return commerceErrorResponse([commerceFieldError("Order Reference should not be empty.")])
    return commerceResponse(registry.refundRemaining(input.ExternalId, input.OrderReference, input.TranId))
  })

  route("/CheckOut2Api/Commerce/CancelPayment", "avarda.checkout2.cancel-payment", (req) => {
    const body = readLegacyJson(req, cancelPaymentSchema, STANDALONE_KEYS)
    if (!body.ok) return body.response
    const input = body.value
    if (blank(input.ExternalId)) return commerceErrorResponse([COMMERCE_ERRORS.invalidExternalId])
    if (blank(input.Reason)) return commerceErrorResponse([commerceFieldError("Reason should not be empty.")])
    return commerceResponse(registry.cancelPayment(input.ExternalId, input.Reason))
  })
}

/** The vendor's answer for an injected fault without a body. */
export function standaloneFaultResponse(fault: { kind: "status" | "expired-token"; status: number }): SandboxResponse {
  if (fault.kind === "expired-token" || fault.status === 401) return unauthorizedResponse()
  if (fault.status >= 500) return jsonResponse(fault.status, { Message: "An error has occurred." })
  return jsonResponse(fault.status, { Message: "The request is invalid." })
}
