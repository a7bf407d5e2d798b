/** Avirato provider options pointing at the sandbox's test environment, as the unit tests configure it. */
export const AVIRATO_SANDBOX_OPTIONS = {
  environment: "sandbox",
  baseUrl: "http://localhost:4010/avirato/external/v1/test/",
  apiKey: "sandbox_test_api_key",
  webcode: "SHOP01",
  clientSecrets: ["sandbox_test_client_secret"],
  backendUrl: "http://localhost:9000/",
  storefrontSuccessUrl: "http://localhost:8000/checkout/success",
  storefrontFailureUrl: "http://localhost:8000/checkout/failed",
}
