/** A complete medusa-config entry's options for the Authorization API providers, as a store owner writes them. */
export const VALID_AVARDA_OPTIONS = {
  environment: "test",
  clientId: "client",
  clientSecret: "secret",
  backendUrl: "https://shop.example",
  storefront: { successUrl: "https://store.example/ok", failureUrl: "https://store.example/ko" },
  partPayment: { accountClassCode: 1782 },
}
