import { z } from "zod"

/**
 * The hosted page's card form (form-urlencoded) and its documented checks:
 * 13-19 digits + Luhn, MM/YY not in the past, CVC 3 digits (4 for Amex), holder name ≥ 3 characters.
 */
export interface CardInput {
  cardNumber: string
  /** `MM/YY` */
  expiry: string
  cvc: string
  holderName: string
}

export const CARD_RULES = [
  "Card number: 13 to 19 digits that pass the Luhn check (spaces allowed)",
  "Expiry: MM/YY, month 01 to 12, not in the past",
  "CVC: 3 digits (Visa, Mastercard), 4 digits (American Express)",
  "Cardholder name: at least 3 characters",
] as const

export function digitsOf(cardNumber: string): string {
  return cardNumber.replace(/[\s-]/g, "")
}

export function passesLuhn(digits: string): boolean {
  let sum = 0
  for (let i = 0; i < digits.length; i++) {
    let digit = Number(digits[digits.length - 1 - i])
    if (i % 2 === 1) {
      digit *= 2
      if (digit > 9) digit -= 9
    }
    sum += digit
  }
  return sum % 10 === 0
}

export function isAmex(digits: string): boolean {
  return /^3[47]/.test(digits)
}

const text = z.preprocess((value) => (Array.isArray(value) ? value[0] : value), z.string().default(""))

/** Builds the form schema for "now" (the sandbox clock decides whether an expiry is past). */
export function cardFormSchema(now: Date) {
  return z
    .object({ cardNumber: text, expiry: text, cvc: text, holderName: text })
    .superRefine((form, ctx) => {
      const digits = digitsOf(form.cardNumber)
      if (!/^\d{13,19}$/.test(digits)) {
        ctx.addIssue({ code: "custom", path: ["cardNumber"], message: "The card number must have 13 to 19 digits" })
      } else if (!passesLuhn(digits)) {
        ctx.addIssue({ code: "custom", path: ["cardNumber"], message: "The card number is not valid (Luhn check failed)" })
      }
      const expiry = /^(\d{2})\s*\/\s*(\d{2})$/.exec(form.expiry.trim())
      if (!expiry) {
        ctx.addIssue({ code: "custom", path: ["expiry"], message: "The expiry date must be MM/YY" })
      } else {
        const month = Number(expiry[1])
        const year = 2000 + Number(expiry[2])
        if (month < 1 || month > 12) {
          ctx.addIssue({ code: "custom", path: ["expiry"], message: "The expiry month must be between 01 and 12" })
        } else if (year < now.getUTCFullYear() || (year === now.getUTCFullYear() && month < now.getUTCMonth() + 1)) {
          ctx.addIssue({ code: "custom", path: ["expiry"], message: "The card has expired" })
        }
      }
      const cvcLength = isAmex(digits) ? 4 : 3
      if (!new RegExp(`^\\d{${cvcLength}}$`).test(form.cvc.trim())) {
        ctx.addIssue({ code: "custom", path: ["cvc"], message: `The CVC must have ${cvcLength} digits` })
      }
      if (form.holderName.trim().length < 3) {
        ctx.addIssue({ code: "custom", path: ["holderName"], message: "The cardholder name must have at least 3 characters" })
      }
    })
}

export type CardFormResult = { ok: true; card: CardInput } | { ok: false; errors: Record<string, string> }

export function checkCardForm(form: unknown, now: Date): CardFormResult {
  const parsed = cardFormSchema(now).safeParse(form ?? {})
  if (parsed.success) return { ok: true, card: parsed.data }
  const errors: Record<string, string> = {}
  for (const issue of parsed.error.issues) errors[String(issue.path[0] ?? "form")] ??= issue.message
  return { ok: false, errors }
}
