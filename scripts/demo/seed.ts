// Seeds the demo store: `medusa exec ./scripts/demo/seed.ts` (run by scripts/demo.mjs).
//
// Sweden/SEK offers the Avarda methods (four Authorization API methods and the Standalone Credit
// invoice) and Spain/EUR offers Avirato cards, each only when that provider is registered in
// medusa-config.ts; both also offer Medusa's built-in manual payment. The store structure (sales
// channel, publishable key, VAT-inclusive prices, taxes, stock, shipping, product) is the one the
// HTTP tests use. Also creates the admin user and a registered demo customer.
//
// Idempotent: on a database that was already seeded (DATABASE_URL reused) it only refreshes the
// regions' payment providers and the users. Writes what the demo needs as JSON to
// $DEMO_SEED_OUTPUT.
import fs from "node:fs"
import type { ExecArgs, MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { createUsersWorkflow, updateRegionsWorkflow, updateStoresWorkflow } from "@medusajs/medusa/core-flows"
import { createStoreFixtures, SPAIN, SWEDEN, type StoreFixtures } from "../../integration-tests/support/store-fixtures"

const SEED_MARKER = "avarda_avirato_demo"

/** Which registered providers each demo region offers. */
const REGION_PROVIDER_PATTERNS: Record<string, RegExp[]> = {
  Sweden: [/^pp_system_default$/, /^pp_avarda-(invoice|part-payment|loan|direct-invoice)_avarda$/, /^pp_avarda-standalone-invoice_/],
  Spain: [/^pp_system_default$/, /^pp_avirato-card_avirato$/],
}

export interface DemoSeedResult {
  publishableKey: string
  salesChannelId: string
  regions: StoreFixtures["regions"]
  product: StoreFixtures["product"]
  regionProviders: Record<string, string[]>
  admin: { email: string; password: string }
  customer: { email: string; password: string; id: string }
  reused: boolean
}

function demoCredentials() {
  return {
    admin: { email: process.env.DEMO_ADMIN_EMAIL || "admin@example.com", password: process.env.DEMO_ADMIN_PASSWORD || "demo-admin-password" },
    customer: {
      email: process.env.DEMO_CUSTOMER_EMAIL || "sven.svensson@example.com",
      password: process.env.DEMO_CUSTOMER_PASSWORD || "demo-customer-password",
    },
  }
}

async function registeredProviderIds(container: MedusaContainer): Promise<string[]> {
  const providers = await container.resolve(Modules.PAYMENT).listPaymentProviders({ is_enabled: true })
  return providers.map((p) => p.id).sort()
}

function providersFor(region: string, registered: string[]): string[] {
  const patterns = REGION_PROVIDER_PATTERNS[region] ?? []
  return registered.filter((id) => patterns.some((pattern) => pattern.test(id)))
}

/** Creates the user and its email/password identity, as `medusa user -e … -p …` does. */
async function ensureAdminUser(container: MedusaContainer, email: string, password: string): Promise<void> {
  const userModule = container.resolve(Modules.USER)
  if ((await userModule.listUsers({ email })).length > 0) return
  const { result: [user] } = await createUsersWorkflow(container).run({ input: { users: [{ email, first_name: "Demo", last_name: "Admin" }] } })
  const auth = container.resolve(Modules.AUTH)
  const { authIdentity, error } = await auth.register("emailpass", { body: { email, password } })
  if (error || !authIdentity) throw new Error(`could not register the admin identity: ${error}`)
  await auth.updateAuthIdentities({ id: authIdentity.id, app_metadata: { user_id: user.id } })
}

/** A registered customer who can log in (store API) and who makes the demo's Avarda purchases. */
async function ensureCustomer(container: MedusaContainer, email: string, password: string): Promise<string> {
  const customers = container.resolve(Modules.CUSTOMER)
  const [existing] = await customers.listCustomers({ email })
  if (existing) return existing.id
  const customer = await customers.createCustomers({
    email,
    first_name: "Sven",
    last_name: "Svensson",
    phone: "0701234567",
    has_account: true,
  })
  const auth = container.resolve(Modules.AUTH)
  const { authIdentity, error } = await auth.register("emailpass", { body: { email, password } })
  if (error || !authIdentity) throw new Error(`could not register the customer identity: ${error}`)
  await auth.updateAuthIdentities({ id: authIdentity.id, app_metadata: { customer_id: customer.id } })
  return customer.id
}

export default async function seedDemoStore({ container }: ExecArgs): Promise<void> {
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  const storeModule = container.resolve(Modules.STORE)
  const [store] = await storeModule.listStores({}, { relations: ["supported_currencies"] })
  const registered = await registeredProviderIds(container)
  const credentials = demoCredentials()
  logger.info(`Registered payment providers: ${registered.join(", ")}`)

  const previous = store?.metadata?.[SEED_MARKER] as Omit<DemoSeedResult, "admin" | "customer" | "reused" | "regionProviders"> | undefined
  let fixtures: Omit<DemoSeedResult, "admin" | "customer" | "reused" | "regionProviders">
  if (previous) {
    fixtures = previous
    logger.info("The store was seeded before: refreshing the regions' payment providers")
  } else {
    const created = await createStoreFixtures(container, [
      { ...SWEDEN, paymentProviders: providersFor("Sweden", registered) },
      { ...SPAIN, paymentProviders: providersFor("Spain", registered) },
    ])
    fixtures = {
      publishableKey: created.publishableKey,
      salesChannelId: created.salesChannelId,
      regions: created.regions,
      product: created.product,
    }
    await updateStoresWorkflow(container).run({
      input: {
        selector: { id: store.id },
        update: {
          name: "Avarda & Avirato demo store",
          supported_currencies: [
            { currency_code: "sek", is_default: true, is_tax_inclusive: true },
            { currency_code: "eur", is_tax_inclusive: true },
          ],
          default_sales_channel_id: created.salesChannelId,
          default_region_id: created.regions.Sweden.id,
          metadata: { ...(store.metadata ?? {}), [SEED_MARKER]: fixtures },
        },
      },
    })
  }

  const regionProviders: Record<string, string[]> = {}
  for (const [name, region] of Object.entries(fixtures.regions)) {
    regionProviders[name] = providersFor(name, registered)
    await updateRegionsWorkflow(container).run({
      input: { selector: { id: region.id }, update: { payment_providers: regionProviders[name] } },
    })
  }

  await ensureAdminUser(container, credentials.admin.email, credentials.admin.password)
  const customerId = await ensureCustomer(container, credentials.customer.email, credentials.customer.password)

  const result: DemoSeedResult = {
    ...fixtures,
    regionProviders,
    admin: credentials.admin,
    customer: { ...credentials.customer, id: customerId },
    reused: Boolean(previous),
  }
  const output = process.env.DEMO_SEED_OUTPUT
  if (output) fs.writeFileSync(output, JSON.stringify(result, null, 2))
  logger.info(`Demo store seeded (${Object.entries(regionProviders).map(([r, p]) => `${r}: ${p.join(", ")}`).join("; ")})`)
}
