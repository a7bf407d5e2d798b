// Where the demo's providers send shoppers back to, under STOREFRONT_URL (medusa-config.ts builds
// the same URLs; a unit test keeps them, the storefront's routes and docs/demo.md equal to this).
// CommonJS (no dependencies) so that test loads it directly.
"use strict"

const LANDING_PAGES = [
  { path: "/checkout/success", when: "paid: Avarda approved (after the electronic ID too) or Avirato's page was paid", query: "?order_id=…" },
  { path: "/checkout/payment-failed", when: "not paid: refused, cancelled or failed; the shopper picks another method", query: "?cart_id=…&reason=…" },
  { path: "/account/invoices", when: "My Pages: back from Avarda's strong authentication or its payment form", query: "" },
]

/** The lines the demo prints about them, for a storefront at `storefrontUrl`. */
function landingPageLines(storefrontUrl) {
  return LANDING_PAGES.map((page) => `${storefrontUrl}${page.path}${page.query}   ${page.when}`)
}

module.exports = { LANDING_PAGES, landingPageLines }
