/**
 * Avirato's `"YYYY-MM-DD HH:mm:ss"` has no zone; the sandbox writes Europe/Madrid wall time
 * (U11).
 */
const madrid = new Intl.DateTimeFormat("en-GB", {
  timeZone: "Europe/Madrid",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  hourCycle: "h23",
})

export function formatAviratoTimestamp(date: Date): string {
  const parts = madrid.formatToParts(date)
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? "00"
  return `${part("year")}-${part("month")}-${part("day")} ${part("hour")}:${part("minute")}:${part("second")}`
}

export function unixSeconds(date: Date): number {
  return Math.floor(date.getTime() / 1000)
}
