/**
 * One client (keep-alive pool + token cache) per environment and credential set, shared by the
 * four providers and the plugin's routes and jobs in this process: N concurrent calls need one token.
 */
import { SharedClients } from "../../http/shared-clients"
import { TokenCache } from "../../http/token-cache"
import { AuthorizationApiClient, type AuthorizationApiClientOptions } from "./client"

const clients = new SharedClients<AuthorizationApiClient>()

export function sharedAuthorizationApiClient(options: Omit<AuthorizationApiClientOptions, "tokenCache" | "dispatcher">): AuthorizationApiClient {
  return clients.get({ baseUrl: options.baseUrl, login: options.clientId, secret: options.clientSecret, timeouts: options.timeouts }, () => {
    // The cache fetches through the client it belongs to, so it refers to it lazily.
    const tokenCache: TokenCache = new TokenCache({ fetchToken: () => created.fetchToken() })
    const created: AuthorizationApiClient = new AuthorizationApiClient({ ...options, tokenCache })
    return created
  })
}

/** Closes every shared client (tests, shutdown). */
export function closeSharedAuthorizationApiClients(): Promise<void> {
  return clients.closeAll()
}
