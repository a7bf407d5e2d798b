// A shopper's browser over real HTTP with redirects followed by hand, one hop at a time, so a test
// sees every status and Location on the way (vendor pages, the plugin's return routes, the storefront).

export interface Hop {
  status: number
  /** The Location header, if any. */
  location: string | null
  response: Response
}

/** One request whose redirect is not followed. */
export async function fetchHop(url: string, init: RequestInit = {}): Promise<Hop> {
  const response = await fetch(url, { ...init, redirect: "manual" })
  return { status: response.status, location: response.headers.get("location"), response }
}

/** The browser submits a form (application/x-www-form-urlencoded); the redirect is not followed. */
export function submitForm(url: string, fields: Record<string, string>): Promise<Hop> {
  return fetchHop(url, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(fields).toString(),
  })
}

/** Where a 302 sends the browser; any other answer fails, naming `what` and the status. */
export function redirectLocation(hop: Hop, what: string): string {
  if (hop.status !== 302 || !hop.location) throw new Error(`${what} did not redirect (${hop.status})`)
  return hop.location
}

/** The browser arrives at `url` (e.g. a return route); returns the status and where it is sent on to. */
export async function followRedirect(url: string): Promise<{ status: number; url: URL }> {
  const { status, location, response } = await fetchHop(url)
  if (!location) throw new Error(`${url} answered ${status} without a redirect: ${await response.text()}`)
  return { status, url: new URL(location) }
}
