// The shop a test file runs against in the app the runner booted: store fixtures (regions with
// their payment providers, a product, a publishable key) and, usually, an admin user.
import type { MedusaContainer } from "@medusajs/framework/types"
import { createAdminUser, type AdminUser } from "./actors"
import { createStoreFixtures, type RegionSpec, type StoreFixtures } from "./store-fixtures"

export interface Shop {
  store: StoreFixtures
  /** Unset when the shop was created with `{ admin: false }`. */
  admin: AdminUser
}

export interface ShopOptions {
  /** Create the shop again before each test (`beforeEach`) rather than once for the file (`beforeAll`). */
  perTest?: boolean
  /** Also create an admin user (default true). */
  admin?: boolean
}

/**
 * Registers, inside `testSuite`, the hook creating the store fixtures for `regions` (the fixtures'
 * default regions when omitted) and an admin user. Returns the shop, filled in once the hook has run.
 */
export function useShop(getContainer: () => MedusaContainer, regions?: RegionSpec[], { perTest = false, admin = true }: ShopOptions = {}): Shop {
  const shop = {} as Shop
  const create = async () => {
    shop.store = await createStoreFixtures(getContainer(), regions)
    if (admin) shop.admin = await createAdminUser(getContainer())
  }
  if (perTest) beforeEach(create)
  else beforeAll(create)
  return shop
}
