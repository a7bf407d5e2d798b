/**
 * Turns a failed call to Avarda into a response the storefront or admin can show: a status that
 * says whose problem it is and a message without secrets or other customers' data.
 */
import type { MedusaResponse } from "@medusajs/framework/http"
import type { Logger } from "@medusajs/framework/types"
import { classifyMyPagesError, type MyPagesFailure } from "../../lib/avarda/my-pages/errors"

interface FailureResponse {
  status: number
  code: string
  message: string
}

export function failureResponse(failure: MyPagesFailure): FailureResponse {
  const said = failure.vendorMessage ? ` Avarda said: ${failure.vendorMessage}` : ""
  switch (failure.kind) {
    case "not_found":
      return { status: 404, code: "avarda_not_found", message: "Avarda does not know this invoice or account." }
    case "rejected":
      return { status: 422, code: "avarda_rejected", message: `Avarda refused the request.${said}` }
    case "credentials_rejected":
      return { status: 502, code: "avarda_configuration", message: "Avarda refused the shop's My Pages credentials. The shop has been told; please try again later." }
    case "unavailable":
      return { status: 503, code: "avarda_unavailable", message: "Avarda's My Pages is not available right now. Please try again in a few minutes." }
    case "timeout":
      return { status: 504, code: "avarda_timeout", message: "Avarda did not answer in time. Please try again in a few minutes." }
    case "invalid_answer":
      return { status: 502, code: "avarda_invalid_answer", message: "Avarda answered with something the shop could not read. Please try again later." }
  }
}

/** Answers for a My Pages failure and returns true; false for other errors (rethrow those). */
export function respondToMyPagesFailure(res: MedusaResponse, logger: Logger, error: unknown): boolean {
  const failure = classifyMyPagesError(error)
  if (!failure) return false
  const response = failureResponse(failure)
  const line = `Avarda My Pages ${failure.operation} failed: ${failure.kind}${failure.vendorStatus ? ` (HTTP ${failure.vendorStatus})` : ""}`
  if (failure.kind === "credentials_rejected" || failure.kind === "invalid_answer") logger.error(line)
  else logger.warn(line)
  res.status(response.status).json({ type: response.code, code: response.code, message: response.message })
  return true
}
