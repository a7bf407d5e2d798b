// Reads, from one vendor's provider options, exactly what its connection check needs.
import type { ConnectionCheckInput } from "./connection-checks"
import { effectiveProviderOptions, type PaymentProviderEntry, type VendorConfiguration } from "./vendor-configuration"

const text = (value: unknown): string | undefined => (typeof value === "string" && value.length > 0 ? value : undefined)

/** The check's input, or a message saying what is missing (never a value). The sandbox switch applies as in the providers. */
export function connectionCheckInputOf(
  configuration: VendorConfiguration,
  entry: PaymentProviderEntry | undefined,
  env: Readonly<Record<string, string | undefined>> = process.env
): { input: ConnectionCheckInput } | { problem: string } {
  if (!configuration.configured || !entry) return { problem: `${configuration.name} is not configured in medusa-config.ts.` }
  if (!configuration.baseUrl) return { problem: `${configuration.name}: no base URL could be derived from the provider options.` }
  const options = effectiveProviderOptions(configuration.vendor, entry, env)
  const missing = (names: string[]) => names.filter((name) => !text(options[name]))
  switch (configuration.vendor) {
    case "avarda": {
      const absent = missing(["clientId", "clientSecret"])
      if (absent.length) return { problem: `${configuration.name}: option(s) ${absent.join(", ")} missing.` }
      return { input: { vendor: "avarda", baseUrl: configuration.baseUrl, clientId: text(options.clientId)!, clientSecret: text(options.clientSecret)! } }
    }
    case "avirato": {
      const absent = missing(["apiKey", "webcode"])
      if (absent.length) return { problem: `${configuration.name}: option(s) ${absent.join(", ")} missing.` }
      return { input: { vendor: "avirato", baseUrl: configuration.baseUrl, apiKey: text(options.apiKey)!, webcode: text(options.webcode)! } }
    }
    case "avarda-standalone": {
      const absent = missing(["siteCode", "sitePassword"])
      if (absent.length) return { problem: `${configuration.name}: option(s) ${absent.join(", ")} missing.` }
      return {
        input: { vendor: "avarda-standalone", baseUrl: configuration.baseUrl, siteCode: text(options.siteCode)!, sitePassword: text(options.sitePassword)! },
      }
    }
  }
}
