/**
 * `GET /store/avarda/payment-widget[?provider_id=…]`: what a storefront needs to render Avarda's
 * payment widget and APR widget — the widget session (payment id, widget JWT, expiry) and the
 * script URL of the configured environment. Opt-in per Authorization API provider entry
 * (`paymentWidget.enabled`); with several entries (markets), `provider_id` picks one, else the
 * first that enables the widget. The session is shared by every shopper and cached in the process
 * (see widget-sessions.ts); the partner credentials never leave the server.
 */
import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import type { Logger } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { classifyMyPagesError, type MyPagesFailureKind } from "../../lib/avarda/my-pages/errors"
import { currentWidgetSession } from "../../lib/avarda/payment-widget/widget-sessions"
import { paymentWidgetEndpointsOf, type AvardaOptions } from "../../providers/avarda/core/options"
import { parseAvardaProviderId } from "../../providers/avarda/core/provider-ids"
import { configuredAvardaOptions } from "../../providers/avarda/core/runtime-config"
import { respondInvalidData } from "../request-validation/invalid-data"

/** The same Avarda failure kinds as My Pages (both are Avarda partner-token JSON APIs), worded for the widget. */
const FAILURES: Record<MyPagesFailureKind, { status: number; type: string; message: string }> = {
  not_found: { status: 502, type: "avarda_configuration", message: "Avarda's payment widget is not set up for this shop." },
  rejected: { status: 502, type: "avarda_configuration", message: "Avarda refused to start the payment widget." },
  credentials_rejected: { status: 502, type: "avarda_configuration", message: "Avarda refused the shop's credentials for the payment widget." },
  unavailable: { status: 503, type: "avarda_unavailable", message: "Avarda's payment widget is not available right now." },
  timeout: { status: 504, type: "avarda_timeout", message: "Avarda did not answer in time." },
  invalid_answer: { status: 502, type: "avarda_invalid_answer", message: "Avarda answered with something the shop could not read." },
}

function firstString(value: unknown): string | undefined {
  const first = Array.isArray(value) ? value[0] : value
  return typeof first === "string" && first.trim() ? first.trim() : undefined
}

export async function getPaymentWidgetSession(req: MedusaRequest, res: MedusaResponse): Promise<void> {
  const providerId = firstString(req.query.provider_id)
  const configured = configuredAvardaOptions(req.scope)
  let options: AvardaOptions | undefined
  if (providerId !== undefined) {
    const parsed = parseAvardaProviderId(providerId)
    if (!parsed) {
      return respondInvalidData(res, [{ field: "provider_id", message: "must be an Avarda provider id such as pp_avarda-part-payment_avarda" }])
    }
    options = configured.find((entry) => entry.configId === parsed.configId)?.options
  } else {
    options = configured.find((entry) => entry.options.paymentWidget.enabled)?.options
  }
  const endpoints = options ? paymentWidgetEndpointsOf(options) : undefined
  if (!options || !endpoints) {
    res.status(404).json({ type: "not_found", message: "Avarda's payment widget is not enabled in this shop (provider option paymentWidget.enabled)" })
    return
  }

  try {
    const session = await currentWidgetSession({ checkoutApiUrl: endpoints.checkoutApiUrl, clientId: options.clientId, clientSecret: options.clientSecret })
    res.setHeader("cache-control", "no-store")
    res.json({
      payment_id: session.paymentId,
      widget_jwt: session.widgetJwt,
      expires_at: new Date(session.expiresAt).toISOString(),
      script_url: endpoints.scriptUrl,
    })
  } catch (error) {
    const failure = classifyMyPagesError(error)
    if (!failure) throw error
    const logger = req.scope.resolve<Logger>(ContainerRegistrationKeys.LOGGER)
    logger.warn(`Avarda payment widget: ${failure.operation} failed (${failure.kind}${failure.vendorStatus ? `, HTTP ${failure.vendorStatus}` : ""})`)
    const answer = FAILURES[failure.kind]
    res.status(answer.status).json({ type: answer.type, message: answer.message })
  }
}
