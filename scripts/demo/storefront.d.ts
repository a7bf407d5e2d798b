// Types of storefront.js (CommonJS, shared by the demo and the browser tests).
export interface StorefrontConfig {
  backendUrl: string
  publishableKey: string
}

export interface StorefrontServer {
  url: string
  port: number
  setConfig(config: StorefrontConfig): void
  close(): Promise<void>
}

export function buildStorefront(options: { outDir: string }): Promise<{ outDir: string; bytes: number }>
export function startStorefrontServer(options: { dir: string; port?: number; host?: string; config?: StorefrontConfig }): Promise<StorefrontServer>
export const STOREFRONT_SOURCE: string
