/** `pattern` is an exact route name, or a prefix ending in "*" ("avarda.*", "*"). */
export function routeNameMatches(pattern: string, name: string): boolean {
  if (pattern.endsWith("*")) return name.startsWith(pattern.slice(0, -1))
  return pattern === name
}
