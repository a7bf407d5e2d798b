import type { RouteOptions, SandboxHandler, SandboxRouter } from "./types"

export interface RegisteredRoute {
  method: string
  pattern: string
  name: string
  caseInsensitive: boolean
  handler: SandboxHandler
  /** Which simulator (or "sandbox" for the core) mounted it. */
  owner: string
  segments: string[]
}

export interface RouteMatch {
  route: RegisteredRoute
  params: Record<string, string>
}

export type RouteLookup =
  | { kind: "match"; match: RouteMatch }
  | { kind: "method-not-allowed"; allowed: string[] }
  | { kind: "not-found" }

function splitPath(path: string): string[] {
  return path.split("/").filter((segment) => segment.length > 0)
}

function matchSegments(route: RegisteredRoute, pathSegments: string[]): Record<string, string> | undefined {
  if (route.segments.length !== pathSegments.length) return undefined
  const params: Record<string, string> = {}
  for (let i = 0; i < route.segments.length; i++) {
    const expected = route.segments[i]
    const actual = pathSegments[i]
    if (expected.startsWith(":")) {
      try {
        params[expected.slice(1)] = decodeURIComponent(actual)
      } catch {
        return undefined
      }
      continue
    }
    const same = route.caseInsensitive ? expected.toLowerCase() === actual.toLowerCase() : expected === actual
    if (!same) return undefined
  }
  return params
}

/** Static segments outrank `:param` segments, position by position. */
function specificity(route: RegisteredRoute): string {
  return route.segments.map((segment) => (segment.startsWith(":") ? "0" : "1")).join("")
}

/**
 * Routes keyed by method + path pattern. Empty segments are ignored, so a trailing slash or a
 * doubled slash (base URL ending in "/" joined with a path starting with "/") still matches.
 */
export class RouteTable {
  private readonly routes: RegisteredRoute[] = []

  /** A `SandboxRouter` view that tags every route with its owner. */
  routerFor(owner: string): SandboxRouter {
    return {
      route: (method: string, pattern: string, handler: SandboxHandler, options?: RouteOptions) =>
        this.add(owner, method, pattern, handler, options),
    }
  }

  add(owner: string, method: string, pattern: string, handler: SandboxHandler, options: RouteOptions = {}): void {
    const upperMethod = method.toUpperCase()
    const caseInsensitive = options.caseInsensitive ?? false
    const duplicate = this.routes.find(
      (route) =>
        route.method === upperMethod &&
        (caseInsensitive || route.caseInsensitive
          ? route.pattern.toLowerCase() === pattern.toLowerCase()
          : route.pattern === pattern),
    )
    if (duplicate) throw new Error(`Route ${upperMethod} ${pattern} is already registered by ${duplicate.owner}`)
    this.routes.push({
      method: upperMethod,
      pattern,
      name: options.name ?? `${upperMethod} ${pattern}`,
      caseInsensitive,
      handler,
      owner,
      segments: splitPath(pattern),
    })
  }

  lookup(method: string, path: string): RouteLookup {
    const pathSegments = splitPath(path)
    const candidates: RouteMatch[] = []
    for (const route of this.routes) {
      const params = matchSegments(route, pathSegments)
      if (params) candidates.push({ route, params })
    }
    if (candidates.length === 0) return { kind: "not-found" }
    const upperMethod = method.toUpperCase()
    const wanted = upperMethod === "HEAD" ? ["HEAD", "GET"] : [upperMethod]
    const sameMethod = candidates.filter((candidate) => wanted.includes(candidate.route.method))
    if (sameMethod.length === 0) {
      return { kind: "method-not-allowed", allowed: [...new Set(candidates.map((c) => c.route.method))] }
    }
    sameMethod.sort((a, b) => specificity(b.route).localeCompare(specificity(a.route)))
    return { kind: "match", match: sameMethod[0] }
  }

  list(): ReadonlyArray<RegisteredRoute> {
    return this.routes
  }
}
