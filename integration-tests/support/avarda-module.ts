// Shared by the Avarda module specs (the providers inside Medusa's Payment Module, no HTTP app): a
// sandbox per test file and the credit application the plugin's store routes would hand off.
import { startSandbox, type Sandbox } from "../../src/sandbox"
import type { AvardaControl } from "../../src/sandbox/avarda/control"
import { buildInvoiceRows, type CreditCart } from "../../src/lib/avarda/credit-cart"
import type { CreditApplication } from "../../src/lib/avarda/credit-request-handoff"
import { useSandboxEnv } from "./sandbox-env"

export interface AvardaSandbox {
  sandbox: Sandbox
  control: AvardaControl
}

/**
 * Registers a top-level `beforeAll` starting a sandbox (and `afterAll` stopping it); `onStart` points
 * the provider options at it before the module runner reads them. Returns `{ sandbox, control }`,
 * filled in once `beforeAll` has run. Call it BEFORE `moduleIntegrationTestRunner(...)`.
 */
export function useAvardaSandbox(onStart: (sandbox: Sandbox) => void): AvardaSandbox {
  return useSandboxEnv(async () => {
    const sandbox = await startSandbox()
    const control = sandbox.avarda as unknown as AvardaControl
    onStart(sandbox)
    return { sandbox, control }
  })
}

/** 2 × 499 SEK socks (25 % VAT) + 49 SEK shipping = 1047 SEK. */
export const SOCKS_CART: CreditCart = {
  currency: "sek",
  totalMinor: 104700,
  lines: [{ id: "li_1", title: "Wool socks", sku: "WOOL-SOCKS-1", quantity: 2, grossMinor: 99800, discountMinor: 0, taxMinor: 19960, taxRatePercent: 25 }],
  shipping: [{ id: "sm_1", name: "Standard delivery", grossMinor: 4900, discountMinor: 0, taxMinor: 980, taxRatePercent: 25 }],
  credits: [],
}

/** A Swedish shopper's credit application for SOCKS_CART. */
export const SOCKS_APPLICATION: CreditApplication = {
  cartId: "cart_test",
  market: "SE",
  currency: "sek",
  amountMinor: 104700,
  email: "shopper@example.com",
  phone: "0701234567",
  invoicingAddress: { firstName: "Sven", lastName: "Svensson", addressLine1: "Storgatan 1", city: "Stockholm", zip: "11122", country: "SE" },
  rows: buildInvoiceRows(SOCKS_CART),
}
