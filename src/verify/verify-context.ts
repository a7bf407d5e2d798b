/**
 * What every check of one run shares: the target, the plugin's own vendor clients (all on the run's
 * recording, policy-enforcing dispatcher), fixtures created once and reused (an approved mock
 * authorization, a paid Avirato session …) and the waiting rules.
 */
import { randomBytes } from "node:crypto"
import { AuthorizationApiClient } from "../lib/avarda/authorization-api/client"
import { MyPagesClient } from "../lib/avarda/my-pages/client"
import { StandaloneCreditClient } from "../lib/avarda/standalone/client"
import { AviratoClient } from "../lib/avirato/client"
import type { TokenCache } from "../lib/http/token-cache"
import { describeError, Unreachable } from "./check"
import type { InteractiveSetup } from "./avirato/hosted-payment-scenario"
import type { VerifyTarget } from "./resolve-verify-target"
import type { VendorExchange, VendorTraffic } from "./vendor-traffic"

export interface VerifySettings {
  /** Run the checks that need an operator in a browser. */
  interactive: boolean
  /** Run the payment-widget check (the plugin's widget option). */
  paymentWidget: boolean
  /** Only token and read endpoints (`--production-read-only`). */
  readOnly: boolean
  /** Personal ID numbers of the two test shoppers (invoice purchases; a loan purchase). */
  shoppers: { invoice: string; loan: string }
  /** How long to wait for Avarda's back office (`inBackOffice`) and for My Pages to list a purchase. */
  backOfficeWaitMs: number
  /** How long the operator has to complete the hosted payment pages. */
  paymentWaitMs: number
  /** How long to wait for each Avirato webhook. */
  webhookWaitMs: number
  /** Between two reads while waiting. */
  pollIntervalMs: number
}

type Configured<K extends keyof VerifyTarget> = Extract<VerifyTarget[K], { configured: true }>

export class VerifyContext {
  /** Short id in every reference this run creates, so its records are easy to find at the vendor. */
  readonly runId = randomBytes(4).toString("hex")
  private readonly fixtures = new Map<string, Promise<unknown>>()
  private readonly clients: Array<{ close(): Promise<void> }> = []
  private readonly defaults = new Map<string, unknown>()

  constructor(
    readonly target: VerifyTarget,
    readonly settings: VerifySettings,
    readonly traffic: VendorTraffic,
    /** The operator and listener of an `--interactive` run. */
    readonly interactive?: InteractiveSetup
  ) {}

  /** Configuration of one API, or Unreachable naming the variables to set. */
  configured<K extends "authorizationApi" | "standalone" | "myPages" | "avirato" | "paymentWidget">(api: K): Configured<K> {
    const config = this.target[api]
    if (!config.configured) throw new Unreachable(`not configured: ${config.reason}`)
    return config as Configured<K>
  }

  authorizationApi(overrides: { clientId?: string; clientSecret?: string; tokenCache?: TokenCache } = {}): AuthorizationApiClient {
    const config = this.configured("authorizationApi")
    const create = () =>
      this.own(new AuthorizationApiClient({ baseUrl: config.baseUrl, clientId: config.clientId, clientSecret: config.clientSecret, ...overrides, dispatcher: this.traffic.dispatcher }))
    return Object.keys(overrides).length ? create() : this.shared("authorizationApi", create)
  }

  standalone(): StandaloneCreditClient {
    const config = this.configured("standalone")
    return this.shared("standalone", () =>
      this.own(new StandaloneCreditClient({ baseUrl: config.baseUrl, siteCode: config.siteCode, sitePassword: config.sitePassword, dispatcher: this.traffic.dispatcher }))
    )
  }

  myPages(overrides: { clientId?: string; clientSecret?: string } = {}): MyPagesClient {
    const config = this.configured("myPages")
    const create = () =>
      this.own(new MyPagesClient({ baseUrl: config.baseUrl, clientId: config.clientId, clientSecret: config.clientSecret, ...overrides, dispatcher: this.traffic.dispatcher }))
    return Object.keys(overrides).length ? create() : this.shared("myPages", create)
  }

  /** Avirato without retries: every call the checks make is sent exactly once. */
  avirato(overrides: { webcode?: string } = {}): AviratoClient {
    const config = this.configured("avirato")
    const create = () =>
      this.own(new AviratoClient({ baseUrl: config.baseUrl, apiKey: config.apiKey, webcode: config.webcode, ...overrides, maxAttempts: 1, dispatcher: this.traffic.dispatcher }))
    return Object.keys(overrides).length ? create() : this.shared("avirato", create)
  }

  /**
   * A fixture several checks use, created once. If creating it fails, every check that needs it is
   * unreachable with the reason (it is a prerequisite, not the behaviour the check is about).
   */
  once<T>(key: string, what: string, create: () => Promise<T>): Promise<T> {
    let fixture = this.fixtures.get(key) as Promise<T> | undefined
    if (!fixture) {
      fixture = create().catch((error: unknown) => {
        throw error instanceof Unreachable ? new Unreachable(`${what}: ${error.message}`) : new Unreachable(`${what} failed: ${describeError(error)}`)
      })
      this.fixtures.set(key, fixture)
    }
    return fixture
  }

  /** The vendor exchanges the running check has made so far (its own async context). */
  exchanges(): readonly VendorExchange[] {
    return this.traffic.current()
  }

  /** A reference unique to this run, e.g. for `orderReference` or an Idempotency-Key. */
  reference(label: string): string {
    return `verify-${this.runId}-${label}`
  }

  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => setTimeout(resolve, ms))
  }

  /** Reads until `read` returns a value, or throws Unreachable after `timeoutMs`. */
  async waitFor<T>(what: string, timeoutMs: number, read: () => Promise<T | undefined>): Promise<T> {
    const deadline = Date.now() + timeoutMs
    for (;;) {
      const value = await read()
      if (value !== undefined) return value
      if (Date.now() >= deadline) throw new Unreachable(`${what}: not seen within ${Math.round(timeoutMs / 1000)} s`)
      await this.sleep(this.settings.pollIntervalMs)
    }
  }

  async close(): Promise<void> {
    await Promise.allSettled(this.clients.map((client) => client.close()))
  }

  private own<C extends { close(): Promise<void> }>(client: C): C {
    this.clients.push(client)
    return client
  }

  private shared<C>(key: string, create: () => C): C {
    if (!this.defaults.has(key)) this.defaults.set(key, create())
    return this.defaults.get(key) as C
  }
}
