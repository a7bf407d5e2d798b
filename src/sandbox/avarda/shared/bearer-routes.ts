/** Routes of one Avarda API under its prefix: case-insensitive paths, a valid bearer token required unless said otherwise. */
import type { SandboxRequest, SandboxResponse, SandboxRouter } from "../../core/types"
import type { BearerTokens } from "./bearer-tokens"

export type BearerRoute = (
  method: string,
  path: string,
  name: string,
  handler: (req: SandboxRequest) => SandboxResponse | Promise<SandboxResponse>,
  needsBearer?: boolean,
) => void

/** Every route but those with `needsBearer = false` answers 401 (as ASP.NET's JwtBearer does) without a valid token. */
export function bearerRoutes(router: SandboxRouter, prefix: string, tokens: BearerTokens): BearerRoute {
  return (method, path, name, handler, needsBearer = true) =>
    router.route(
      method,
      `${prefix}${path}`,
      (req) => {
        if (needsBearer) {
          const auth = tokens.check(req)
          if (!auth.ok) return auth.response
        }
        return handler(req)
      },
      { name, caseInsensitive: true },
    )
}
