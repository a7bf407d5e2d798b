/**
 * Where this storefront's Medusa server is and its publishable key. The demo's server writes them
 * into `/config.js` (window.STOREFRONT_CONFIG); a real storefront would take them from its build
 * environment.
 */
export interface StorefrontConfig {
  backendUrl: string
  publishableKey: string
}

declare global {
  interface Window {
    STOREFRONT_CONFIG?: StorefrontConfig
  }
}

export const config: StorefrontConfig = window.STOREFRONT_CONFIG ?? { backendUrl: "http://localhost:9000", publishableKey: "" }
