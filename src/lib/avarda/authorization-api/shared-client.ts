/**
 * One client (keep-alive pool + token cache) per environment and credential set, shared by the
 * four providers and the plugin's routes and jobs in this process: N concurrent calls need one token.
 */
import { createHash } from "node:crypto"
import { TokenCache } from "../../http/token-cache"
import { AuthorizationApiClient, type AuthorizationApiClientOptions } from "./client"

const clients = new Map<string, AuthorizationApiClient>()

export function sharedAuthorizationApiClient(options: Omit<AuthorizationApiClientOptions, "tokenCache" | "dispatcher">): AuthorizationApiClient {
  const secretHash = createHash("sha256").update(options.clientSecret).digest("hex").slice(0, 16)
  const key = JSON.stringify([options.baseUrl, options.clientId, secretHash, options.timeouts ?? {}])
  let client = clients.get(key)
  if (!client) {
    // The cache fetches through the client it belongs to, so it refers to it lazily.
    const tokenCache: TokenCache = new TokenCache({ fetchToken: () => created.fetchToken() })
    const created: AuthorizationApiClient = new AuthorizationApiClient({ ...options, tokenCache })
    client = created
    clients.set(key, client)
  }
  return client
}

/** Closes every shared client (tests, shutdown). */
export async function closeSharedAuthorizationApiClients(): Promise<void> {
  const all = [...clients.values()]
  clients.clear()
  await Promise.all(all.map((client) => client.close()))
}
