// The "Avarda & Avirato" admin settings routes: what the page shows, validation that names the
// field, admin-only access, persistence, and the process-local runtime settings the providers read.
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import type { Sandbox } from "../../src/sandbox"
import { getRuntimeSettings, readFreshRuntimeSettings, setRuntimeSettings } from "../../src/lib/runtime-settings"
import { PLUGIN_SETTINGS_MODULE, type PluginSettingsModuleService } from "../../src/modules/plugin-settings"
import { createAdminUser, registerCustomer, type AdminUser } from "../support/actors"
import { AVARDA_TEST_IDENTITIES } from "../../src/sandbox/avarda"
import { startAvardaSession } from "../support/avarda"
import { createPaymentSession, prepareCart, SPANISH_ADDRESS } from "../support/checkout"
import { startSandboxEnv } from "../support/sandbox-env"
import { createStoreFixtures, SPAIN, SWEDEN, type StoreFixtures } from "../support/store-fixtures"

jest.setTimeout(180_000)

let sandbox: Sandbox
let backendUrl: string

beforeAll(async () => {
  ;({ sandbox, backendUrl } = await startSandboxEnv())
})

afterAll(async () => {
  await sandbox?.stop()
})

medusaIntegrationTestRunner({
  inApp: true,
  testSuite: ({ api, getContainer }) => {
    let admin: AdminUser
    let store: StoreFixtures
    const anyStatus = { validateStatus: () => true }

    beforeAll(async () => {
      store = await createStoreFixtures(getContainer(), [
        { ...SWEDEN, paymentProviders: ["pp_system_default", "pp_avarda-invoice_avarda", "pp_avarda-part-payment_avarda"] },
        { ...SPAIN, paymentProviders: ["pp_system_default", "pp_avirato-card_avirato"] },
      ])
    })

    beforeEach(async () => {
      admin = await createAdminUser(getContainer())
    })

    describe("GET /admin/plugin-settings", () => {
      it("shows each vendor's environment, providers and webhook URL, and the regions' methods, without any secret", async () => {
        const res = await api.get("/admin/plugin-settings", { headers: admin.headers })
        expect(res.status).toBe(200)
        const avarda = res.data.vendors.find((v: { vendor: string }) => v.vendor === "avarda")
        const avirato = res.data.vendors.find((v: { vendor: string }) => v.vendor === "avirato")
        expect(avarda).toMatchObject({ configured: true, configId: "avarda", environment: "sandbox" })
        expect(avarda.loadedProviderIds).toEqual(
          expect.arrayContaining(["pp_avarda-invoice_avarda", "pp_avarda-part-payment_avarda", "pp_avarda-loan_avarda", "pp_avarda-direct-invoice_avarda"])
        )
        expect(avirato).toMatchObject({ configured: true, environment: "sandbox", webhookUrl: `${backendUrl}/hooks/payment/avirato-card_avirato` })
        expect(avirato.configuredDefaults).toMatchObject({ captureMode: "auto", defaultRefundReason: "CUSTOMER REQUEST" })

        const sweden = res.data.regions.find((r: { id: string }) => r.id === store.regions.Sweden.id)
        expect(sweden.methods.map((m: { label: string }) => m.label)).toEqual(["Avarda invoice", "Avarda part payment"])
        const spain = res.data.regions.find((r: { id: string }) => r.id === store.regions.Spain.id)
        expect(spain.methods.map((m: { providerId: string }) => m.providerId)).toEqual(["pp_avirato-card_avirato"])

        const body = JSON.stringify(res.data)
        for (const secret of [sandbox.settings.avarda.clientSecret, sandbox.settings.avirato.testApiKey, sandbox.settings.avirato.testClientSecret]) {
          expect(body).not.toContain(secret)
        }
        expect(res.data.settings).toEqual({ avarda: {}, avardaStandalone: {}, avirato: {} })
      })

      it("refuses callers who are not admin users", async () => {
        expect((await api.get("/admin/plugin-settings", anyStatus)).status).toBe(401)
        const customer = await registerCustomer(api, store.publishableKey, { email: "not-an-admin@example.com" })
        expect((await api.get("/admin/plugin-settings", { headers: { authorization: `Bearer ${customer.token}` }, ...anyStatus })).status).toBe(401)
        expect((await api.post("/admin/plugin-settings", { avirato: { captureMode: "preauth" } }, { headers: { authorization: `Bearer ${customer.token}` }, ...anyStatus })).status).toBe(401)
        expect((await api.post("/admin/plugin-settings/connection-check", { vendor: "avarda" }, anyStatus)).status).toBe(401)
      })
    })

    describe("POST /admin/plugin-settings", () => {
      it("rejects invalid values with errors that name each field, and stores nothing", async () => {
        const res = await api.post(
          "/admin/plugin-settings",
          { avarda: { partPaymentTerms: [12, 5] }, avirato: { captureMode: "sometimes", colour: "red" } },
          { headers: admin.headers, ...anyStatus }
        )
        expect(res.status).toBe(400)
        const fields = res.data.problems.map((p: { field: string }) => p.field)
        expect(fields).toEqual(expect.arrayContaining(["avarda.partPaymentTerms.1", "avirato.captureMode", "avirato"]))
        expect(res.data.message).toContain("avirato.captureMode")
        expect(res.data.problems.find((p: { field: string }) => p.field === "avirato").message).toContain("colour")
        const after = await api.get("/admin/plugin-settings", { headers: admin.headers })
        expect(after.data.settings).toEqual({ avarda: {}, avardaStandalone: {}, avirato: {} })
      })

      it("stores the settings in the database and the providers' runtime reader sees them at once", async () => {
        const settings = {
          avarda: { captureMode: "manual", partPaymentTerms: [24, 12] },
          avardaStandalone: {},
          avirato: { captureMode: "preauth", defaultRefundReason: "RETURN" },
        }
        const res = await api.post("/admin/plugin-settings", settings, { headers: admin.headers })
        expect(res.status).toBe(200)
        const expected = { avarda: { captureMode: "manual", partPaymentTerms: [12, 24] }, avardaStandalone: {}, avirato: { captureMode: "preauth", defaultRefundReason: "RETURN" } }
        expect(res.data.settings).toEqual(expected)
        // Synchronously, in the same process, with no restart and no wait.
        expect(getRuntimeSettings()).toEqual(expected)

        // Stored: a fresh read from the database through the module gives the same values.
        const service = getContainer().resolve<PluginSettingsModuleService>(PLUGIN_SETTINGS_MODULE)
        expect(await service.retrieveOperationalSettings()).toEqual(expected)
        const rows = await service.listPluginSettings({ scope: "operational" })
        expect(rows).toHaveLength(1)
        expect(rows[0].updated_by).toBe(admin.id)
        expect((await api.get("/admin/plugin-settings", { headers: admin.headers })).data.settings).toEqual(expected)

        // Replacing: fields left out fall back to the medusa-config options again.
        const second = await api.post("/admin/plugin-settings", { avirato: { captureOnShipment: false } }, { headers: admin.headers })
        expect(second.data.settings).toEqual({ avarda: {}, avardaStandalone: {}, avirato: { captureOnShipment: false } })
        expect(getRuntimeSettings()).toEqual({ avarda: {}, avardaStandalone: {}, avirato: { captureOnShipment: false } })
        expect(await service.retrieveOperationalSettings()).toEqual({ avarda: {}, avardaStandalone: {}, avirato: { captureOnShipment: false } })

        // Clearing everything really clears the stored row (no JSON merge with the old values).
        await api.post("/admin/plugin-settings", { avarda: {}, avardaStandalone: {}, avirato: {} }, { headers: admin.headers })
        expect(await service.retrieveOperationalSettings()).toEqual({ avarda: {}, avardaStandalone: {}, avirato: {} })
        expect(await service.listPluginSettings({})).toHaveLength(1)
      })

      it("applies instalment terms saved in the admin to the next Avarda checkout, without a restart", async () => {
        // medusa-config offers part-payment over 12, 24 or 36 months; the store owner switches to 6 only.
        await api.post("/admin/plugin-settings", { avarda: { partPaymentTerms: [6] } }, { headers: admin.headers })
        const cart = await prepareCart(api, {
          publishableKey: store.publishableKey,
          regionId: store.regions.Sweden.id,
          variantId: store.product.variantId,
        })
        const body = { provider_id: "pp_avarda-part-payment_avarda", personal_id_number: AVARDA_TEST_IDENTITIES.SE.approved }
        const refused = await startAvardaSession(api, cart, { ...body, payment_terms: 24 })
        expect(refused.status).toBe(400)
        expect(JSON.stringify(refused.data)).toMatch(/payment_terms/)
        const accepted = await startAvardaSession(api, cart, { ...body, payment_terms: 6 })
        expect(accepted.status).toBe(200)
        expect(accepted.data.payment_session.data).toMatchObject({ payment_terms: 6 })
        const sent = sandbox.journal.entries({ route: "avarda.authorization.create.part-payment" })
        expect(sent.map((e) => (e.body as { paymentTerms?: number }).paymentTerms)).toEqual([6])
      })

      it("applies the Avirato capture mode saved in the admin to the next card session, without a restart", async () => {
        // medusa-config says auto-capture; the store owner switches to pre-authorisation.
        await api.post("/admin/plugin-settings", { avirato: { captureMode: "preauth" } }, { headers: admin.headers })
        const cart = await prepareCart(api, {
          publishableKey: store.publishableKey,
          regionId: store.regions.Spain.id,
          variantId: store.product.variantId,
          address: SPANISH_ADDRESS,
        })
        const session = await createPaymentSession(api, cart, "pp_avirato-card_avirato")
        expect(session.status).toBe(200)
        expect(session.data.payment_collection.payment_sessions[0].data).toMatchObject({ mode: "preauth" })
        const sent = sandbox.journal.entries({ route: "avirato.test.session.create" })
        expect(sent.map((e) => (e.body as { isPreAuth?: boolean }).isPreAuth)).toEqual([true])
      })

      it("loads the stored settings into the runtime reader when the application starts", async () => {
        await api.post("/admin/plugin-settings", { avarda: { loanTerms: [48] } }, { headers: admin.headers })
        setRuntimeSettings({}) // as in a freshly started process
        const service = getContainer().resolve<PluginSettingsModuleService>(PLUGIN_SETTINGS_MODULE)
        await service.__hooks.onApplicationStart()
        expect(getRuntimeSettings({ maxAgeMs: 60_000 }).avarda).toEqual({ loanTerms: [48] })
      })

      it("decides with a change saved by another server process at once", async () => {
        await api.post("/admin/plugin-settings", { avirato: { captureMode: "auto" } }, { headers: admin.headers })
        const service = getContainer().resolve<PluginSettingsModuleService>(PLUGIN_SETTINGS_MODULE)
        // Another process writes the row directly; this process's cached copy is now out of date.
        const [row] = await service.listPluginSettings({ scope: "operational" })
        await service.updatePluginSettings({ id: row.id, values: { avirato: { captureMode: "preauth" } } })
        expect(getRuntimeSettings({ maxAgeMs: 60_000 }).avirato.captureMode).toBe("auto")
        // A decision reads the database, whatever the age of the cached copy.
        expect((await readFreshRuntimeSettings()).avirato.captureMode).toBe("preauth")
        expect(getRuntimeSettings({ maxAgeMs: 60_000 }).avirato.captureMode).toBe("preauth")
      })
    })

    describe("POST /admin/plugin-settings/connection-check", () => {
      it("fetches an Avarda token and calls Avirato with the configured credentials", async () => {
        const avarda = await api.post("/admin/plugin-settings/connection-check", { vendor: "avarda" }, { headers: admin.headers })
        expect(avarda.data).toMatchObject({ vendor: "avarda", ok: true })
        expect(avarda.data.message).toContain("access token")
        const avirato = await api.post("/admin/plugin-settings/connection-check", { vendor: "avirato" }, { headers: admin.headers })
        expect(avirato.data).toMatchObject({ vendor: "avirato", ok: true })
        expect(sandbox.journal.entries().map((e) => e.route)).toEqual(expect.arrayContaining(["avarda.auth.token", "avirato.test.session.get"]))
        const page = await api.get("/admin/plugin-settings", { headers: admin.headers })
        if (page.data.vendors.find((v: { vendor: string }) => v.vendor === "avarda-standalone").configured) {
          const standalone = await api.post("/admin/plugin-settings/connection-check", { vendor: "avarda-standalone" }, { headers: admin.headers })
          expect(standalone.data).toMatchObject({ vendor: "avarda-standalone", ok: true })
          expect(sandbox.journal.entries().map((e) => e.route)).toContain("avarda.checkout2.status")
        }
      })

      it("reports refused credentials and unreachable vendors clearly", async () => {
        sandbox.faults.add({ route: "avarda.auth.token", kind: "status", status: 401, times: 1 })
        const refused = await api.post("/admin/plugin-settings/connection-check", { vendor: "avarda" }, { headers: admin.headers })
        expect(refused.data.ok).toBe(false)
        expect(refused.data.message).toContain("refused the credentials (HTTP 401)")
        expect(JSON.stringify(refused.data)).not.toContain(sandbox.settings.avarda.clientSecret)

        const page = await api.get("/admin/plugin-settings", { headers: admin.headers })
        if (!page.data.vendors.find((v: { vendor: string }) => v.vendor === "avarda-standalone").configured) {
          const notConfigured = await api.post("/admin/plugin-settings/connection-check", { vendor: "avarda-standalone" }, { headers: admin.headers })
          expect(notConfigured.data).toMatchObject({ ok: false, message: expect.stringContaining("not configured") })
        }

        const invalid = await api.post("/admin/plugin-settings/connection-check", { vendor: "paypal" }, { headers: admin.headers, ...anyStatus })
        expect(invalid.status).toBe(400)
        expect(invalid.data.message).toContain("vendor")
      })
    })
  },
})
