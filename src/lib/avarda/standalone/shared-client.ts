/**
 * One client (one keep-alive pool) per base URL and credential set, shared by the four providers
 * and the plugin's routes and jobs in this process.
 */
import { createHash } from "node:crypto"
import { StandaloneCreditClient, type StandaloneClientOptions } from "./client"

const clients = new Map<string, StandaloneCreditClient>()

export function sharedStandaloneClient(options: Omit<StandaloneClientOptions, "dispatcher">): StandaloneCreditClient {
  const passwordHash = createHash("sha256").update(options.sitePassword).digest("hex").slice(0, 16)
  const key = JSON.stringify([options.baseUrl, options.siteCode, passwordHash, options.timeouts ?? {}])
  let client = clients.get(key)
  if (!client) {
    client = new StandaloneCreditClient(options)
    clients.set(key, client)
  }
  return client
}

/** Closes every shared client (tests, shutdown). */
export async function closeSharedStandaloneClients(): Promise<void> {
  const all = [...clients.values()]
  clients.clear()
  await Promise.all(all.map((client) => client.close()))
}
