// docs:start sdk
import Medusa from "@medusajs/js-sdk"
import { config } from "../config"

/** Where the SDK keeps a logged-in customer's token (localStorage). */
export const AUTH_TOKEN_KEY = "medusa_auth_token"

export const sdk = new Medusa({
  baseUrl: config.backendUrl, // your Medusa server
  publishableKey: config.publishableKey,
  auth: { type: "jwt", jwtTokenStorageMethod: "local", jwtTokenStorageKey: AUTH_TOKEN_KEY },
})
// docs:end sdk
