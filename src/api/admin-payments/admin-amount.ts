/**
 * The amount an admin captures or refunds: a finite positive number, as Medusa's own validators want
 * it; and for one of the plugin's payments at most the currency's decimals — the vendors take exact
 * minor units (Avarda 2 decimals, Avirato integers), so an amount with more would be recorded in
 * Medusa as one thing and sent to the vendor as another.
 *
 * `checkAdminAmount` is the middleware both routes run first: the payment id and the body are checked
 * before anything reads or writes them, then (when an amount is given and the payment is this plugin's)
 * the currency's decimals and the route's own rule. Everything else goes on to Medusa's route.
 */
import type { MedusaNextFunction, MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import type { BigNumberInput, IPaymentModuleService } from "@medusajs/framework/types"
import { MathBN, Modules } from "@medusajs/framework/utils"
import { z } from "zod"
import { isPluginProvider } from "../../lib/plugin-vendors"
import { currencyExponent } from "../../lib/money/minor-units"
import { paymentId } from "../request-validation/ids"
import { fieldErrorsOf, respondInvalidData, type FieldError } from "../request-validation/invalid-data"

/** `amount` of the admin's capture or refund body (absent: Medusa's default, the whole payment). */
export const adminAmountSchema = z
  .number({ error: "must be a number (major units, e.g. 12.5)" })
  .refine((value) => Number.isFinite(value), "must be a finite number")
  .refine((value) => value > 0, "must be greater than 0")
  .optional()
  .nullable()

export const adminPaymentParamsSchema = z.object({ id: paymentId })

/** The field error for an `amount` with more decimals than `currencyCode` has, else undefined. */
export function amountDecimalsError(amount: BigNumberInput, currencyCode: string): FieldError | undefined {
  const exponent = currencyExponent(currencyCode)
  if (MathBN.convert(amount).decimalPlaces()! <= exponent) return undefined
  return { field: "amount", message: `must have at most ${exponent} decimals for ${currencyCode.toUpperCase()}` }
}

/** What every check reads of the payment. */
export interface AdminAmountPayment {
  id: string
  provider_id: string
  currency_code: string
}

export interface AdminAmountRule<Payment extends AdminAmountPayment> {
  /** What the plugin checks of the body; Medusa's own validator checks the rest. */
  bodySchema: z.ZodType<{ amount?: number | null }>
  /** The payment's fields and relations the rule needs (besides id, provider and currency). */
  read: { select: string[]; relations?: string[] }
  /** Whether the plugin judges this payment's amount at all (else Medusa answers, e.g. an already captured one). */
  judges?: (payment: Payment) => boolean
  /** The route's own rule after the decimals: a field error answers 400. */
  check?: (amount: number, payment: Payment) => FieldError | undefined
}

export function checkAdminAmount<Payment extends AdminAmountPayment>(rule: AdminAmountRule<Payment>) {
  const select = [...new Set(["id", "provider_id", "currency_code", ...rule.read.select])]
  return async function checkAdminAmountOfPayment(req: MedusaRequest, res: MedusaResponse, next: MedusaNextFunction): Promise<void> {
    const params = adminPaymentParamsSchema.safeParse(req.params ?? {})
    const body = rule.bodySchema.safeParse(req.body ?? {})
    const errors = [...(params.success ? [] : fieldErrorsOf(params.error, "id")), ...(body.success ? [] : fieldErrorsOf(body.error))]
    if (errors.length || !params.success || !body.success) return respondInvalidData(res, errors)
    const amount = body.data.amount
    if (amount === undefined || amount === null) return next()

    let payment: Payment
    try {
      const paymentModule = req.scope.resolve<IPaymentModuleService>(Modules.PAYMENT)
      payment = (await paymentModule.retrievePayment(params.data.id, { select, ...(rule.read.relations ? { relations: rule.read.relations } : {}) })) as unknown as Payment
    } catch {
      // Unknown payment: Medusa answers it.
      return next()
    }
    if (!isPluginProvider(payment.provider_id) || (rule.judges && !rule.judges(payment))) return next()

    const error = amountDecimalsError(amount, payment.currency_code) ?? rule.check?.(amount, payment)
    if (error) return respondInvalidData(res, [error])
    next()
  }
}
