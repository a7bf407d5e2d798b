// avarda-client and avirato-client: the plugin's typed client against a raw undici keep-alive call
// to the same sandbox endpoint (same pool settings; the raw side reads the body as JSON and
// checks nothing). Both run in this process, interleaved call by call, after a warm-up.
import { createRequire } from "node:module"
import path from "node:path"
import { fileURLToPath } from "node:url"
import { Pool } from "undici"
import benchStats from "../stats.js"

const { interleave, ratioOf, timed } = benchStats

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..", "..")
const require = createRequire(import.meta.url)
let registered = false

/** The plugin's TypeScript source, loaded as the sandbox child does (ts-node, transpile-only, swc). */
export function pluginModule(relative) {
  if (!registered) {
    require("ts-node").register({ transpileOnly: true, swc: true, project: path.join(root, "tsconfig.json") })
    registered = true
  }
  return require(path.join(root, relative))
}

const WARM_UP = 500

async function compare({ name, calls, plugin, raw, figures }) {
  for (let i = 0; i < WARM_UP; i++) {
    await plugin()
    await raw()
  }
  const samples = await interleave(
    {
      plugin: async () => (await timed(plugin)).ms,
      raw: async () => (await timed(raw)).ms,
    },
    calls
  )
  const ratio = ratioOf(samples.plugin, samples.raw)
  return { name, baseline: "raw undici call", ...ratio, figures: `${figures}; plugin p50 ${ratio.ms.p50} ms vs raw ${ratio.baseline_ms.p50} ms` }
}

async function rawJson(pool, options) {
  const res = await pool.request(options)
  const body = await res.body.json()
  if (res.statusCode !== 200) throw new Error(`${options.path} answered ${res.statusCode}`)
  return body
}

/** GET payment/session/{id}: AviratoClient.getSession vs the same GET with the API key. */
export async function aviratoClientRow({ sandboxOrigin, calls }) {
  const { AviratoClient } = pluginModule("src/lib/avirato/client.ts")
  const baseUrl = `${sandboxOrigin}/avirato/external/v1/test/`
  const credentials = { apiKey: "sandbox_test_api_key", webcode: "SHOP01" }
  const client = new AviratoClient({ baseUrl, ...credentials })
  const pool = new Pool(sandboxOrigin, { connections: 10, keepAliveTimeout: 30_000, pipelining: 1 })
  try {
    const session = await client.createSession(
      { amount: { value: 1000, currency: "EUR" }, urlOk: "http://localhost/ok", urlKo: "http://localhost/ko", isPreAuth: false, customReference: `bench_${Date.now()}` },
      `bench-${Date.now()}`
    )
    const rawOptions = {
      method: "GET",
      path: `/avirato/external/v1/test/payment/session/${encodeURIComponent(session.sessionId)}?webcode=${credentials.webcode}`,
      headers: { accept: "application/json", "x-api-key": credentials.apiKey },
    }
    return await compare({
      name: "avirato-client",
      calls,
      plugin: () => client.getSession(session.sessionId),
      raw: () => rawJson(pool, rawOptions),
      figures: "GET payment/session/{id}",
    })
  } finally {
    await client.close()
    await pool.close()
  }
}

/**
 * An approved invoice authorization made directly at the sandbox, for a run without the token row
 * (whose burst of checkouts leaves one): the row reads it, what it is for does not matter.
 */
async function approvedAuthorization(client, identificationNumber) {
  const outcome = await client.createAuthorization("invoice", {
    customer: { identificationNumber, userLanguageCode: 752, phone: "0701234567", email: "bench@example.com" },
    invoicingAddress: { firstName: "Bench", lastName: "Mark", addressLine1: "Storgatan 1", city: "Stockholm", zip: "11122", country: "SE" },
    items: [{ description: "Bench item", amount: 100, taxCode: "25", taxAmount: 20, quantity: 1 }],
    orderReference: `bench_${Date.now()}`,
    posId: "0",
  })
  if (outcome.kind !== "approved") throw new Error(`avarda-client: the sandbox did not approve the authorization to read (${outcome.kind})`)
  return outcome.authorizationId
}

/** GET authorization/{id}: AuthorizationApiClient.getAuthorization vs the same GET with a bearer token. */
export async function avardaClientRow({ sandboxOrigin, authorizationId, testIdentities, calls }) {
  const { AuthorizationApiClient } = pluginModule("src/lib/avarda/authorization-api/client.ts")
  const baseUrl = `${sandboxOrigin}/avarda/authorization-api/`
  const client = new AuthorizationApiClient({ baseUrl, clientId: "sandbox-avarda-client-id", clientSecret: "sandbox-avarda-client-secret" })
  const pool = new Pool(sandboxOrigin, { connections: 10, keepAliveTimeout: 30_000, pipelining: 1 })
  try {
    const token = await client.fetchToken()
    authorizationId ??= await approvedAuthorization(client, testIdentities.SE.approved)
    const rawOptions = {
      method: "GET",
      path: `/avarda/authorization-api/authorization/${encodeURIComponent(authorizationId)}`,
      headers: { accept: "application/json", authorization: `Bearer ${token.value}` },
    }
    return await compare({
      name: "avarda-client",
      calls,
      plugin: () => client.getAuthorization(authorizationId),
      raw: () => rawJson(pool, rawOptions),
      figures: "GET authorization/{id}",
    })
  } finally {
    await client.close()
    await pool.close()
  }
}
