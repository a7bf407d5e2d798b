// Malformed input on every route of the plugin (and the Medusa routes it hooks into), through the
// real app: NUL bytes, overlong values and ids of the wrong kind answer 400 with
// `{ type: "invalid_data", errors: [{ field }] }` naming the field — never a 500 — and change nothing.
// The admin capture's amount is checked before it is converted or planned: a huge, negative,
// over-precise or more-than-capturable amount is a 400, and the payment is left as it was.
import fs from "node:fs"
import path from "node:path"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import type { AxiosRequestConfig } from "axios"
import { registerCustomer, type Customer } from "../support/actors"
import { prepareCart, SWEDISH_ADDRESS, type PreparedCart } from "../support/checkout"
import { useShop } from "../support/shop"
import { AVARDA_PROVIDERS, AVARDA_SWEDEN, AVARDA_TEST_IDENTITIES, paymentView, placeAvardaOrder, startAvardaTestEnv } from "../support/avarda"
import { useSandboxEnv } from "../support/sandbox-env"

jest.setTimeout(240_000)

const env = useSandboxEnv(() => startAvardaTestEnv())
const anyStatus = { validateStatus: () => true }

/** Well-formed ids that exist nowhere. */
const ULID = "01JZZZZZZZZZZZZZZZZZZZZZZZ"
/** Three ways an id can be malformed: a NUL byte, far too long, and an id of another kind. */
const badIds = (prefix: string) => ({
  "a NUL byte": `${prefix}_${ULID}\u0000`,
  overlong: `${prefix}_${"Z".repeat(5000)}`,
  "another kind of id": prefix === "cart" ? `order_${ULID}` : `cart_${ULID}`,
})
const badVendorIds = { "a NUL byte": "acc-1\u0000", overlong: "a".repeat(5000), "a quote and spaces": "1' OR '1'='1" }

/** Every route file under src/api with its methods, as a path pattern (`[id]` matches one segment). */
function pluginRoutes(): Array<{ method: string; pattern: RegExp }> {
  const root = path.join(process.cwd(), "src/api")
  const found: Array<{ method: string; pattern: RegExp }> = []
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name)
      if (entry.isDirectory()) walk(full)
      else if (entry.name === "route.ts") {
        const segments = path.relative(root, dir).split(path.sep).map((s) => (/^\[.+\]$/.test(s) ? "[^/]+" : s.replace(/[.*+?^${}()|\\]/g, "\\$&")))
        const source = fs.readFileSync(full, "utf8")
        for (const method of ["GET", "POST", "DELETE"]) {
          if (new RegExp(`export (const|async function|function) ${method}\\b`).test(source)) found.push({ method, pattern: new RegExp(`^/${segments.join("/")}$`) })
        }
      }
    }
  }
  walk(root)
  return found
}

type Who = "admin" | "customer" | "store" | "public"
interface Case {
  name: string
  who: Who
  method: "get" | "post"
  path: string
  body?: unknown
  field: string
}

medusaIntegrationTestRunner({
  inApp: true,
  testSuite: ({ api, getContainer }) => {
    const shop = useShop(getContainer, [AVARDA_SWEDEN])
    let customer: Customer
    let cart: PreparedCart
    beforeAll(async () => {
      customer = await registerCustomer(api, shop.store.publishableKey, { email: "malformed@example.com" })
      cart = await prepareCart(api, { publishableKey: shop.store.publishableKey, regionId: shop.store.regions.Sweden.id, variantId: shop.store.product.variantId, quantity: 1, address: SWEDISH_ADDRESS })
    })

    function headersOf(who: Who): Record<string, string> {
      if (who === "admin") return shop.admin.headers
      if (who === "customer") return customer.headers
      if (who === "store") return { "x-publishable-api-key": shop.store.publishableKey }
      return {}
    }

    const enc = encodeURIComponent
    const validSession = { provider_id: AVARDA_PROVIDERS.invoice, personal_id_number: AVARDA_TEST_IDENTITIES.SE.approved }

    function cases(): Case[] {
      const list: Case[] = []
      const ids = (prefix: string, build: (id: string) => Omit<Case, "name">) =>
        Object.entries(badIds(prefix)).forEach(([what, id]) => list.push({ name: what, ...build(id) }))
      const vendorIds = (build: (id: string) => Omit<Case, "name">) => Object.entries(badVendorIds).forEach(([what, id]) => list.push({ name: what, ...build(id) }))
      // Admin routes of the plugin, and Medusa's payment routes it hooks into.
      ids("order", (id) => ({ who: "admin", method: "get", path: `/admin/avarda-avirato/orders/${enc(id)}/payments`, field: "id" }))
      ids("cus", (id) => ({ who: "admin", method: "get", path: `/admin/avarda/customers/${enc(id)}/accounts`, field: "id" }))
      ids("cus", (id) => ({ who: "admin", method: "get", path: `/admin/avarda/customers/${enc(id)}/accounts/acc-1`, field: "id" }))
      vendorIds((id) => ({ who: "admin", method: "get", path: `/admin/avarda/customers/${customer.id}/accounts/${enc(id)}`, field: "account_id" }))
      ids("pay", (id) => ({ who: "admin", method: "post", path: `/admin/avirato/payments/${enc(id)}/extend`, body: {}, field: "id" }))
      ids("pay", (id) => ({ who: "admin", method: "post", path: `/admin/payments/${enc(id)}/capture`, body: {}, field: "id" }))
      ids("pay", (id) => ({ who: "admin", method: "post", path: `/admin/avarda-avirato/payments/${enc(id)}/capture-attention/shipment-exceeds-1/resolve`, body: {}, field: "id" }))
      vendorIds((id) => ({ who: "admin", method: "post", path: `/admin/avarda-avirato/payments/pay_${ULID}/capture-attention/${enc(id)}/resolve`, body: {}, field: "attention_id" }))
      ids("pay", (id) => ({ who: "admin", method: "post", path: `/admin/avarda-avirato/payments/${enc(id)}/release-remainder`, body: {}, field: "id" }))
      ids("pay", (id) => ({ who: "admin", method: "post", path: `/admin/payments/${enc(id)}/refund`, body: { amount: 1 }, field: "id" }))
      ids("refr", (id) => ({ who: "admin", method: "post", path: `/admin/payments/pay_${ULID}/refund`, body: { amount: 1, refund_reason_id: id }, field: "refund_reason_id" }))
      list.push({ name: "a NUL byte", who: "admin", method: "post", path: "/admin/plugin-settings/connection-check", body: { vendor: "avarda\u0000" }, field: "vendor" })
      list.push({ name: "a NUL byte", who: "admin", method: "post", path: "/admin/plugin-settings", body: { avarda: { captureMode: "manual\u0000" } }, field: "avarda.captureMode" })
      // Store routes.
      ids("cart", (id) => ({ who: "store", method: "get", path: `/store/avarda/payment-options?cart_id=${enc(id)}`, field: "cart_id" }))
      ids("cart", (id) => ({ who: "store", method: "post", path: "/store/avarda/payment-sessions", body: { ...validSession, cart_id: id }, field: "cart_id" }))
      ids("cart", (id) => ({
        who: "store",
        method: "post",
        path: "/store/avarda-standalone/payment-sessions",
        body: { ...validSession, provider_id: "pp_avarda-standalone-invoice_avarda-standalone", cart_id: id },
        field: "cart_id",
      }))
      list.push({ name: "a NUL byte", who: "store", method: "post", path: "/store/avarda/payment-sessions", body: { ...validSession, cart_id: `cart_${ULID}`, personal_id_number: "19\u0000" }, field: "personal_id_number" })
      // A provider id of the right form that no entry of medusa-config has, with a cart that is fine.
      for (const [path, providerId] of [
        ["/store/avarda/payment-sessions", "pp_avarda-invoice_nope"],
        ["/store/avarda-standalone/payment-sessions", "pp_avarda-standalone-invoice_nope"],
      ] as const) {
        list.push({ name: "an unconfigured provider", who: "store", method: "post", path, body: { ...validSession, provider_id: providerId, cart_id: cart.cartId }, field: "provider_id" })
      }
      list.push({ name: "a NUL byte", who: "store", method: "get", path: `/store/avarda/payment-widget?provider_id=${enc("pp_avarda-invoice_avarda\u0000")}`, field: "provider_id" })
      // My Pages.
      for (const path of ["/store/customers/me/avarda/accounts", "/store/customers/me/avarda/strong-authentication"]) {
        list.push({ name: "a NUL byte", who: "customer", method: "get", path: `${path}?return_url=${enc("http://localhost:8000/account\u0000")}`, field: "return_url" })
        list.push({ name: "overlong", who: "customer", method: "get", path: `${path}?return_url=${enc(`http://localhost:8000/${"a".repeat(3000)}`)}`, field: "return_url" })
      }
      list.push({ name: "a NUL byte", who: "customer", method: "post", path: "/store/customers/me/avarda/strong-authentication", body: { return_url: "http://localhost:8000/account\u0000" }, field: "return_url" })
      list.push({ name: "overlong", who: "customer", method: "post", path: "/store/customers/me/avarda/strong-authentication", body: { return_url: `http://localhost:8000/${"a".repeat(3000)}` }, field: "return_url" })
      vendorIds((id) => ({ who: "customer", method: "get", path: `/store/customers/me/avarda/accounts/${enc(id)}`, field: "id" }))
      vendorIds((id) => ({ who: "customer", method: "post", path: `/store/customers/me/avarda/accounts/${enc(id)}/pay`, body: {}, field: "id" }))
      list.push({ name: "a NUL byte", who: "customer", method: "post", path: "/store/customers/me/avarda/accounts/acc-1/pay", body: { locale: "sv\u0000" }, field: "locale" })
      vendorIds((id) => ({ who: "customer", method: "get", path: `/store/customers/me/avarda/accounts/acc-1/payments/${enc(id)}`, field: "purchase_id" }))
      // The public return routes.
      ids("payses", (id) => ({ who: "public", method: "get", path: `/avarda/id-validation/return?orderId=${enc(id)}`, field: "orderId" }))
      ids("payses", (id) => ({ who: "public", method: "get", path: `/avarda-standalone/electronic-id/return?session_id=${enc(id)}`, field: "session_id" }))
      ids("payses", (id) => ({ who: "public", method: "get", path: `/avirato/return?session=${enc(id)}`, field: "session" }))
      return list
    }

    it("every plugin route answers malformed ids, queries and bodies with a 400 naming the field, never a 500", async () => {
      const settingsBefore = (await api.get("/admin/plugin-settings", { headers: shop.admin.headers })).data.settings
      const all = cases()
      // Every route of the plugin that takes input is in the table (only GET /admin/plugin-settings takes none).
      const untested = pluginRoutes()
        .filter((route) => !(route.method === "GET" && route.pattern.test("/admin/plugin-settings")))
        .filter((route) => !all.some((c) => c.method === route.method.toLowerCase() && route.pattern.test(c.path.split("?")[0]!)))
      expect(untested.map((route) => `${route.method} ${route.pattern.source}`)).toEqual([])
      const answers = []
      for (const c of all) {
        const config: AxiosRequestConfig = { headers: headersOf(c.who), maxRedirects: 0, ...anyStatus }
        const response = c.method === "get" ? await api.get(c.path, config) : await api.post(c.path, c.body ?? {}, config)
        const fields = Array.isArray(response.data?.errors) ? response.data.errors.map((e: { field: string }) => e.field) : response.data
        answers.push({ route: `${c.method.toUpperCase()} ${c.path.slice(0, 90)}`, input: c.name, status: response.status, type: response.data?.type, fields })
      }
      expect(answers).toEqual(all.map((c) => ({ route: `${c.method.toUpperCase()} ${c.path.slice(0, 90)}`, input: c.name, status: 400, type: "invalid_data", fields: [c.field] })))

      // Nothing was written: no payment session on the cart, the settings as they were.
      const { data } = await api.get(`/store/carts/${cart.cartId}?fields=*payment_collection.payment_sessions`, { headers: cart.headers })
      expect(data.cart.payment_collection?.payment_sessions ?? []).toEqual([])
      expect((await api.get("/admin/plugin-settings", { headers: shop.admin.headers })).data.settings).toEqual(settingsBefore)
      expect(env.sandbox.journal.entries().filter((e) => e.route.startsWith("avarda.authorization.create"))).toEqual([])
    })

    it("the admin capture checks the amount before converting or planning it: huge, negative, over-precise or more than capturable is a 400, and the payment is unchanged", async () => {
      const placed = await placeAvardaOrder(api, {
        publishableKey: shop.store.publishableKey,
        regionId: shop.store.regions.Sweden.id,
        variantId: shop.store.product.variantId,
        quantity: 1,
        adminHeaders: shop.admin.headers,
      }) // 499 + 49 = 548 SEK
      const before = await paymentView(api, shop.admin.headers, placed.paymentId)
      const capture = (body: unknown) => api.post(`/admin/payments/${placed.paymentId}/capture`, body, { headers: shop.admin.headers, ...anyStatus })
      // Medusa's own body check runs first on its route and refuses what is not a positive number;
      // the plugin's check refuses what Medusa lets through.
      const amounts: Array<[string, unknown, RegExp]> = [
        ["1e308", 1e308, /amount must not be more than what is left to capture \(548 SEK\)/],
        ["one öre more than the order", 548.01, /amount must not be more than what is left to capture/],
        ["three decimals", 10.005, /amount must have at most 2 decimals for SEK/],
        ["negative", -5, /amount/],
        ["zero", 0, /amount/],
        ["a string", "100", /amount/],
        ["an object", { value: 1 }, /amount/],
      ]
      for (const [what, amount, message] of amounts) {
        const response = await capture({ amount })
        expect({ what, status: response.status, type: response.data.type }).toEqual({ what, status: 400, type: "invalid_data" })
        expect({ what, message: response.data.message }).toEqual({ what, message: expect.stringMatching(message) })
      }
      // Huge JSON numbers that parse to Infinity are refused the same way.
      const infinite = await api.post(`/admin/payments/${placed.paymentId}/capture`, '{"amount":1e400}', {
        headers: { ...shop.admin.headers, "content-type": "application/json" },
        ...anyStatus,
      })
      expect([infinite.status, infinite.data.type]).toEqual([400, "invalid_data"])

      // Nothing half-written: no capture plan, no capture, Avarda never asked.
      const after = await paymentView(api, shop.admin.headers, placed.paymentId)
      expect(after).toEqual(before)
      expect(after.data.capture_plan ?? null).toBeNull()
      expect(env.sandbox.journal.entries().filter((e) => e.route === "avarda.authorization.order")).toEqual([])
    })
  },
})
