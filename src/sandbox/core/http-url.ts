/** Whether a string is an absolute `http:` or `https:` URL (what the vendors accept for callback and return URLs). */
export function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value)
    return url.protocol === "http:" || url.protocol === "https:"
  } catch {
    return false
  }
}
