/**
 * Where the Authorization API lives. Stage and production have separate credentials;
 * "sandbox" is this plugin's local simulator (`npm run sandbox`).
 */
export type AuthorizationApiEnvironment = "sandbox" | "test" | "production"

export const AUTHORIZATION_API_BASE_URLS: Record<AuthorizationApiEnvironment, string> = {
  sandbox: "http://localhost:4010/avarda/authorization-api/",
  test: "https://stage.authorization-api.avarda.com/",
  production: "https://authorization-api.avarda.com/",
}

/** An environment name, or an explicit base URL (used as is, with one trailing slash). */
export function authorizationApiBaseUrl(environment: string): string {
  const known = AUTHORIZATION_API_BASE_URLS[environment as AuthorizationApiEnvironment]
  const url = known ?? environment
  return url.endsWith("/") ? url : `${url}/`
}
