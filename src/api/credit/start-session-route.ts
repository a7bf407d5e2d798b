/**
 * The handler behind `POST /store/avarda/payment-sessions` and `POST /store/avarda-standalone/payment-sessions`:
 * both validate the same body, start the session through their family's workflow and answer the
 * same way (see the route files for the contract).
 */
import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import type { MedusaContainer, PaymentSessionDTO } from "@medusajs/framework/types"
import { BigNumber } from "@medusajs/framework/utils"
import type { StartCreditSessionInput, StartCreditSessionResult } from "../../operations/credit/start-credit-session"
import { shopperLanguageOfPurchase, shopperMessage } from "../../lib/avarda/shopper-messages"
import type { CreditSessionBodySchema } from "./session-body"
import { parseOrRespond } from "../request-validation/invalid-data"
import type {
  StartAvardaPaymentSessionError,
  StartAvardaPaymentSessionResponse,
  StoreAvardaPaymentSession,
  StoreInvalidDataError,
  StoreNotFoundError,
} from "../../types/store"

export type StartCreditSession = (container: MedusaContainer, input: StartCreditSessionInput) => Promise<StartCreditSessionResult>

function publicSession(session: PaymentSessionDTO): StoreAvardaPaymentSession {
  return {
    id: session.id,
    provider_id: session.provider_id,
    status: session.status,
    amount: new BigNumber(session.amount).numeric,
    currency_code: session.currency_code,
    payment_collection_id: session.payment_collection_id,
    data: session.data,
  }
}

export function startCreditSessionRoute(bodySchema: CreditSessionBodySchema, startSession: StartCreditSession) {
  return async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
    const body = parseOrRespond(bodySchema, req.body ?? {}, res)
    if (!body) return
    const result = await startSession(req.scope, {
      cartId: body.cart_id,
      providerId: body.provider_id,
      personalIdNumber: body.personal_id_number,
      ...(body.payment_terms !== undefined ? { paymentTerms: body.payment_terms } : {}),
      ...(req.auth_context?.actor_id ? { customerId: req.auth_context.actor_id } : {}),
    })

    if (result.kind === "cart_not_found") {
      res.status(404).json({ type: "not_found", message: `Cart ${body.cart_id} was not found` } satisfies StoreNotFoundError)
      return
    }
    if (result.kind === "invalid") {
      res.status(400).json({
        type: "invalid_data",
        message: `The cart cannot be paid with Avarda: ${result.issues.map((e) => `${e.field} ${e.message}`).join("; ")}`,
        errors: result.issues,
      } satisfies StoreInvalidDataError)
      return
    }

    const session = result.session
    const data = (session.data ?? {}) as { redirect_url?: string; decision?: { outcome?: string; message?: string }; language?: string; currency_code?: string }
    switch (session.status) {
      case "pending":
      case "authorized":
        res.status(200).json({ payment_session: publicSession(session), next_action: { type: "complete_cart" } } satisfies StartAvardaPaymentSessionResponse)
        return
      case "requires_more":
        // Both credit providers set redirect_url on every session they answer with requires_more.
        res.status(200).json({ payment_session: publicSession(session), next_action: { type: "redirect", url: data.redirect_url! } } satisfies StartAvardaPaymentSessionResponse)
        return
      default: {
        const outcome = data.decision?.outcome
        const status = outcome === "rejected" ? 422 : outcome === "unknown" ? 504 : 502
        res.status(status).json({
          type: outcome === "rejected" ? "payment_rejected" : "payment_provider_error",
          message: data.decision?.message ?? shopperMessage("payment_not_started", shopperLanguageOfPurchase(data)),
          payment_session: publicSession(session),
        } satisfies StartAvardaPaymentSessionError)
      }
    }
  }
}
