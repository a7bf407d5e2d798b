// `medusa exec` seed for startAdminApp: the shared test store (Sweden only), written as JSON to
// ADMIN_APP_SEED_OUTPUT for the test that started the app.
import fs from "node:fs"
import type { ExecArgs } from "@medusajs/framework/types"
import { createStoreFixtures, SWEDEN } from "./store-fixtures"

export default async function seedAdminApp({ container }: ExecArgs) {
  const store = await createStoreFixtures(container, [SWEDEN])
  const output = process.env.ADMIN_APP_SEED_OUTPUT
  if (!output) throw new Error("ADMIN_APP_SEED_OUTPUT is not set")
  fs.writeFileSync(
    output,
    JSON.stringify({
      publishableKey: store.publishableKey,
      regionId: store.regions.Sweden.id,
      variantId: store.product.variantId,
    })
  )
}
