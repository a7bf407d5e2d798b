// The sandbox's control API as the benchmark uses it: the journal (what the vendor received and
// how long each answer took inside the sandbox), and injected latency.

async function call(origin, method, path, body) {
  const res = await fetch(`${origin}${path}`, {
    method,
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const text = await res.text()
  if (res.status >= 300) throw new Error(`sandbox ${method} ${path} answered ${res.status}: ${text.slice(0, 300)}`)
  return text ? JSON.parse(text) : undefined
}

export function sandboxControl(origin) {
  return {
    origin,
    /** Every journal entry, or those of one route name (exact, or a prefix ending in "*"). */
    journal: (route) => call(origin, "GET", `/__sandbox/journal${route ? `?route=${encodeURIComponent(route)}` : ""}`),
    clearJournal: () => call(origin, "DELETE", "/__sandbox/journal"),
    /** Every call of the routes matching `route` waits `ms` before it is answered. */
    addLatency: (route, ms) => call(origin, "POST", "/__sandbox/faults", { kind: "latency", route, ms }),
    clearFaults: () => call(origin, "DELETE", "/__sandbox/faults"),
    /** Earlier purchases of an Avarda person, shown by My Pages. */
    seed: (fixture) => call(origin, "POST", "/__sandbox/avarda/mypages/fixtures", fixture),
  }
}

/** Time the sandbox spent answering the vendor calls in `entries` (its handler time, in ms). */
export function vendorMs(entries) {
  return entries.reduce((sum, entry) => sum + (entry.durationMs ?? 0), 0)
}
