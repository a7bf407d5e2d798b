// A storefront page on its own origin calls the store API from Chromium: proves the browser tier
// (Chromium + playwright-core), and that medusa-config.ts takes its CORS origins from the environment.
import http from "node:http"
import type { AddressInfo } from "node:net"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import type { Browser } from "playwright-core"
import { launchBrowser, screenshot } from "../support/browser"
import { createStoreFixtures, type StoreFixtures } from "../support/store-fixtures"

jest.setTimeout(180_000)

let storefront: http.Server
let storefrontOrigin: string

const page = (backend: string, key: string) => `<!doctype html><html><body>
<h1>Storefront</h1><ul id="regions"></ul>
<script>
fetch(${JSON.stringify(backend)} + "/store/regions", { headers: { "x-publishable-api-key": ${JSON.stringify(key)} } })
  .then((r) => r.json())
  .then((body) => {
    for (const region of body.regions) {
      const li = document.createElement("li"); li.textContent = region.name + " (" + region.currency_code + ")"
      document.getElementById("regions").appendChild(li)
    }
    document.body.dataset.state = "loaded"
  })
  .catch((e) => { document.body.dataset.state = "failed: " + e.message })
</script></body></html>`

let html = ""

beforeAll(async () => {
  storefront = http.createServer((_req, res) => {
    res.writeHead(200, { "content-type": "text/html" })
    res.end(html)
  })
  await new Promise<void>((resolve) => storefront.listen(0, "localhost", resolve))
  storefrontOrigin = `http://localhost:${(storefront.address() as AddressInfo).port}`
  process.env.STORE_CORS = storefrontOrigin
})

afterAll(async () => {
  await new Promise((resolve) => storefront.close(resolve))
})

medusaIntegrationTestRunner({
  inApp: true,
  testSuite: ({ api, getContainer }) => {
    let store: StoreFixtures
    let browser: Browser

    beforeAll(async () => {
      store = await createStoreFixtures(getContainer())
      browser = await launchBrowser()
    })

    afterAll(async () => {
      await browser?.close()
    })

    it("lists the store's regions on a storefront page served from the allowed origin", async () => {
      html = page(api.defaults.baseURL!, store.publishableKey)
      const tab = await browser.newPage()
      await tab.goto(storefrontOrigin)
      await tab.waitForFunction(() => document.body.dataset.state !== undefined)
      await screenshot(tab, "storefront-cors-regions")
      expect(await tab.evaluate(() => document.body.dataset.state)).toBe("loaded")
      const regions = await tab.locator("#regions li").allTextContents()
      expect(regions.sort()).toEqual(["Spain (eur)", "Sweden (sek)"])
      await tab.close()
    })
  },
})
