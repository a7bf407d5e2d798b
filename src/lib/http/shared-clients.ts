import { createHash } from "node:crypto"

/** Who a vendor client talks to and as whom; the secret enters the key only as a short hash. */
export interface ClientIdentity {
  baseUrl: string
  login: string
  secret: string
  timeouts?: object
}

/**
 * One client (keep-alive pool, token cache) per endpoint and credential set for the whole process,
 * shared by a vendor's providers and the plugin's routes and jobs.
 */
export class SharedClients<C extends { close(): Promise<void> }> {
  private readonly clients = new Map<string, C>()

  get(identity: ClientIdentity, create: () => C): C {
    const secretHash = createHash("sha256").update(identity.secret).digest("hex").slice(0, 16)
    const key = JSON.stringify([identity.baseUrl, identity.login, secretHash, identity.timeouts ?? {}])
    let client = this.clients.get(key)
    if (!client) {
      client = create()
      this.clients.set(key, client)
    }
    return client
  }

  /** Closes every client (tests, shutdown). */
  async closeAll(): Promise<void> {
    const all = [...this.clients.values()]
    this.clients.clear()
    await Promise.all(all.map((client) => client.close()))
  }
}
