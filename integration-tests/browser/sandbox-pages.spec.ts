// The sandbox's browser-facing pages in real Chromium: Avirato's hosted card page (client checks,
// then the redirect to urlOk with a verifiable return JWT) and the console listing what happened.
import http from "node:http"
import type { AddressInfo } from "node:net"
import { jwtVerify } from "jose"
import type { Browser } from "playwright-core"
import { startSandbox, type Sandbox } from "../../src/sandbox"
import { launchBrowser, screenshot } from "../support/browser"

jest.setTimeout(60_000)

let sandbox: Sandbox
let browser: Browser
let shop: http.Server
let shopOrigin: string

beforeAll(async () => {
  sandbox = await startSandbox()
  browser = await launchBrowser()
  shop = http.createServer((req, res) => {
    res.writeHead(200, { "content-type": "text/html" })
    res.end(`<h1 id="landed">${req.url?.startsWith("/ok") ? "ok" : "ko"}</h1>`)
  })
  await new Promise<void>((resolve) => shop.listen(0, "localhost", resolve))
  shopOrigin = `http://localhost:${(shop.address() as AddressInfo).port}`
})

afterAll(async () => {
  await browser?.close()
  await sandbox?.stop()
  await new Promise((resolve) => shop?.close(resolve))
})

async function createSession(): Promise<{ sessionId: string; paymentUrl: string }> {
  const res = await fetch(`${sandbox.urls.aviratoTest}payment/session`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-api-key": sandbox.settings.avirato.testApiKey },
    body: JSON.stringify({
      webcode: sandbox.settings.avirato.webcode,
      amount: { value: 4595, currency: "EUR" },
      urlOk: `${shopOrigin}/ok`,
      urlKo: `${shopOrigin}/ko`,
      customReference: "payses_browser_test",
    }),
  })
  expect(res.status).toBe(201)
  const body = await res.json()
  return { sessionId: body.data.sessionId, paymentUrl: body.data.paymentUrl }
}

it("pays on Avirato's hosted page: a bad card number is shown on the page, a good card lands on urlOk with a signed JWT", async () => {
  const { sessionId, paymentUrl } = await createSession()
  const page = await browser.newPage()
  await page.goto(paymentUrl)
  await page.fill("#cardNumber", "4111 1111 1111 1112")
  await page.fill("#expiry", "12/30")
  await page.fill("#cvc", "737")
  await page.fill("#holderName", "Test User")
  await page.click("button.pay")
  await expect(page.locator("#cardNumber-error").textContent()).resolves.toMatch(/card number/i)
  await screenshot(page, "sandbox-avirato-card-error")

  await page.fill("#cardNumber", "4111 1111 1111 1111")
  await page.fill("#cvc", "737")
  await page.click("button.pay")
  await page.waitForURL(`${shopOrigin}/ok**`)
  expect(await page.textContent("#landed")).toBe("ok")
  const token = new URL(page.url()).searchParams.get("data")!
  const { payload } = await jwtVerify(token, new TextEncoder().encode(sandbox.settings.avirato.testClientSecret), {
    algorithms: ["HS256"],
  })
  expect(payload).toMatchObject({ sessionId, customReference: "payses_browser_test", paymentStatus: "AUTHORISED" })
  await page.close()
})

it("shows the session and the requests in the console page", async () => {
  const { sessionId } = await createSession()
  const page = await browser.newPage()
  await page.goto(sandbox.urls.console)
  // The console renders from the control API in the page's own script.
  await page.waitForFunction((id) => document.querySelector("#simulators")?.textContent?.includes(id), sessionId)
  await page.waitForFunction(() => document.querySelector("#journal")?.textContent?.includes("payment/session"))
  expect(await page.textContent("#simulators")).toContain(sessionId)
  await screenshot(page, "sandbox-console")
  await page.close()
})
