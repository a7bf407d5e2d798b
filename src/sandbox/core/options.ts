import type {
  AvardaSandboxSettings,
  AviratoSandboxSettings,
  ResolvedSandboxOptions,
  SandboxOptions,
} from "./types"

/** Sandbox credentials: fixed, documented in docs/sandbox.md, never valid anywhere else. */
export const DEFAULT_AVARDA_SETTINGS: AvardaSandboxSettings = {
  clientId: "sandbox-avarda-client-id",
  clientSecret: "sandbox-avarda-client-secret",
  siteCode: "SANDBOXSITE",
  sitePassword: "sandbox-site-password",
  tokenTtlSeconds: 3599,
  paymentWidgetTtlSeconds: 3600,
  inBackOfficeDelayMs: 0,
  idValidationTimeoutMs: 15 * 60 * 1000,
}

export const DEFAULT_AVIRATO_SETTINGS: AviratoSandboxSettings = {
  apiKey: "sandbox_live_api_key",
  testApiKey: "sandbox_test_api_key",
  webcode: "SHOP01",
  clientSecret: "sandbox_live_client_secret",
  testClientSecret: "sandbox_test_client_secret",
  webhookUrl: undefined,
  testWebhookUrl: undefined,
  webhookDelayMs: 50,
  webhookRetryBaseMs: 200,
  webhookMaxAttempts: 5,
}

function withoutUndefined<T extends object>(partial: Partial<T> | undefined): Partial<T> {
  return Object.fromEntries(Object.entries(partial ?? {}).filter(([, value]) => value !== undefined)) as Partial<T>
}

export function resolveSandboxOptions(options: SandboxOptions = {}): ResolvedSandboxOptions {
  return {
    port: options.port ?? 0,
    host: options.host ?? "localhost",
    avarda: { ...DEFAULT_AVARDA_SETTINGS, ...withoutUndefined(options.avarda) },
    avirato: { ...DEFAULT_AVIRATO_SETTINGS, ...withoutUndefined(options.avirato) },
    log: options.log ?? (() => undefined),
  }
}
