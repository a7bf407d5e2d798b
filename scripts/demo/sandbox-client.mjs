// The vendor side of the journeys: the sandbox's control API (journal, My Pages fixtures) and its
// shopper pages (Avarda's ID-validation page, Avirato's hosted card page), driven over plain HTTP
// as a browser would, redirects followed by hand.
import journeyChecks from "./journey-checks.js"

const { check, checkStatus } = journeyChecks

/** A card the sandbox authorises; the holder name picks other outcomes (DECLINED, CARD_EXPIRED, …). */
export function testCard(holderName = "Demo Shopper") {
  return { cardNumber: "4111 1111 1111 1111", expiry: `12/${String((new Date().getUTCFullYear() + 4) % 100).padStart(2, "0")}`, cvc: "737", holderName }
}

async function postForm(url, form) {
  const res = await fetch(url, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(form).toString(),
  })
  await res.arrayBuffer()
  return res
}

/** Opens a page and submits its form; returns the Location the page redirects the browser to. */
export async function submitPageForm(pageUrl, form, what) {
  const page = await fetch(pageUrl, { redirect: "manual" })
  const html = await page.text()
  check(page.status === 200 && /<form/i.test(html), `${what}: ${pageUrl} answered ${page.status} without a form`)
  const submitted = await postForm(pageUrl, form)
  const location = submitted.headers.get("location")
  check(submitted.status === 302 && location, `${what}: the form post answered ${submitted.status} without a redirect`)
  return location
}

/** The shopper's browser arriving at a URL of the Medusa backend; returns the storefront URL it is sent on to. */
export async function followRedirect(url, what) {
  const res = await fetch(url, { redirect: "manual" })
  const location = res.headers.get("location")
  check([301, 302, 303].includes(res.status) && location, `${what}: ${url} answered ${res.status} without a redirect: ${(await res.text()).slice(0, 300)}`)
  return new URL(location, url)
}

export function createSandboxClient(origin) {
  return {
    origin,
    /** Requests the sandbox received for one route name (e.g. "avarda.authorization.order"). */
    async journal(route) {
      const res = await fetch(`${origin}/__sandbox/journal?route=${encodeURIComponent(route)}`)
      return checkStatus({ status: res.status, data: await res.json() }, 200, `sandbox journal ${route}`)
    },
    async seedMyPages(fixture) {
      const res = await fetch(`${origin}/__sandbox/avarda/mypages/fixtures`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(fixture),
      })
      return checkStatus({ status: res.status, data: await res.json() }, 201, "seed My Pages fixture")
    },
  }
}
