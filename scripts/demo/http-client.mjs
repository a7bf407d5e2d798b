// A small JSON client for the store and admin APIs: never throws on HTTP status (journeys check
// statuses themselves), never follows redirects (journeys follow them step by step, as a browser).
export class HttpError extends Error {}

/** A reused keep-alive connection the server closed before reading the request (busy server). */
const CONNECTION_RESET_CODES = new Set(["ECONNRESET", "UND_ERR_SOCKET", "EPIPE"])

export function createHttpClient(baseUrl, defaultHeaders = {}) {
  async function request(method, path, { body, headers = {}, form, timeoutMs = 60000 } = {}) {
    const url = path.startsWith("http") ? path : `${baseUrl}${path}`
    const init = { method, headers: { ...defaultHeaders, ...headers }, redirect: "manual", signal: AbortSignal.timeout(timeoutMs) }
    if (form !== undefined) {
      init.body = new URLSearchParams(form).toString()
      init.headers["content-type"] = "application/x-www-form-urlencoded"
    } else if (body !== undefined) {
      init.body = JSON.stringify(body)
      init.headers["content-type"] = "application/json"
    }
    let res
    for (let attempt = 1; !res; attempt++) {
      try {
        res = await fetch(url, init)
      } catch (error) {
        // The request never got an answer; a reset connection is retried once on a new one.
        if (attempt === 1 && CONNECTION_RESET_CODES.has(error.cause?.code)) continue
        throw new HttpError(`${method} ${url} failed: ${error.cause?.code ?? error.message}`)
      }
    }
    const text = await res.text()
    let data = text
    if ((res.headers.get("content-type") ?? "").includes("json") && text) {
      try {
        data = JSON.parse(text)
      } catch {
        // keep the text
      }
    }
    return { status: res.status, data, headers: res.headers, location: res.headers.get("location") ?? undefined, url }
  }
  return {
    baseUrl,
    request,
    get: (path, options) => request("GET", path, options),
    post: (path, body, options = {}) => request("POST", path, { ...options, body }),
    delete: (path, options) => request("DELETE", path, options),
    /** Same client with extra headers on every call. */
    with: (headers) => createHttpClient(baseUrl, { ...defaultHeaders, ...headers }),
  }
}

/** Logs in through Medusa's email/password auth route and returns a bearer-authenticated client. */
export async function loginAs(client, actor, email, password) {
  const res = await client.post(`/auth/${actor}/emailpass`, { email, password })
  if (res.status !== 200 || !res.data?.token) throw new HttpError(`${actor} login for ${email} answered ${res.status}: ${JSON.stringify(res.data)}`)
  return client.with({ authorization: `Bearer ${res.data.token}` })
}
