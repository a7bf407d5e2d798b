/** Display helpers for the plugin's widgets. Amounts are shown as the vendor sent them (no arithmetic). */

/** 1249.5 SEK → "SEK 1,249.50" (in the browser's locale, the account's currency). */
export function formatMoney(amount: number | null | undefined, currency: string | null | undefined): string {
  if (amount === null || amount === undefined) return "–"
  if (!currency) return String(amount)
  try {
    return new Intl.NumberFormat(undefined, { style: "currency", currency: currency.toUpperCase() }).format(amount)
  } catch {
    return `${amount} ${currency.toUpperCase()}`
  }
}

export function formatDate(value: string | null | undefined): string {
  if (!value) return "–"
  const date = new Date(value)
  return Number.isNaN(date.getTime()) ? value : new Intl.DateTimeFormat(undefined, { dateStyle: "medium" }).format(date)
}

export function formatDateTime(value: string | null | undefined): string {
  if (!value) return "–"
  const date = new Date(value)
  return Number.isNaN(date.getTime()) ? value : new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" }).format(date)
}

/** The message of a failed admin request (the route's `message`, else the error's own). */
export function errorMessage(error: unknown): string {
  if (error && typeof error === "object" && "message" in error && typeof (error as { message: unknown }).message === "string") {
    return (error as { message: string }).message
  }
  return "Something went wrong."
}
