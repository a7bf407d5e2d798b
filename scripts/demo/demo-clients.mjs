// The two callers of the journeys: the storefront (publishable key, optionally a logged-in
// customer) and the store owner (admin user).
import { createHttpClient, loginAs } from "./http-client.mjs"

export function createStoreClient(backendUrl, publishableKey) {
  const client = createHttpClient(backendUrl, { "x-publishable-api-key": publishableKey })
  return Object.assign(client, {
    /** The same storefront, logged in as this customer. */
    login: ({ email, password }) => loginAs(client, "customer", email, password),
  })
}

export function createAdminSession(backendUrl, { email, password }) {
  return loginAs(createHttpClient(backendUrl), "user", email, password)
}
