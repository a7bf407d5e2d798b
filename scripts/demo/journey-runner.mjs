// Runs the shopper journeys one after another. A journey whose payment provider is not registered
// in the running app is reported "not available yet" and counts as NOT passed.
const DEFAULT_JOURNEY_TIMEOUT_MS = 120000

/** Providers the journey needs that the running app does not have. */
export function missingProviders(journey, registeredProviders) {
  return (journey.requires ?? []).filter((id) => !registeredProviders.includes(id))
}

function withTimeout(promise, ms, what) {
  let timer
  return Promise.race([
    promise,
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what} took longer than ${Math.round(ms / 1000)} s`)), ms)
    }),
  ]).finally(() => clearTimeout(timer))
}

export async function runJourney(journey, context, registeredProviders, timeoutMs = DEFAULT_JOURNEY_TIMEOUT_MS) {
  const missing = missingProviders(journey, registeredProviders)
  if (missing.length > 0) {
    return { method: journey.method, status: "unavailable", outcome: `not available yet (provider not installed: ${missing.join(", ")})` }
  }
  const startedAt = Date.now()
  try {
    const { outcome, orderId } = await withTimeout(journey.run(context), timeoutMs, journey.method)
    return { method: journey.method, status: "passed", outcome, orderId, durationMs: Date.now() - startedAt }
  } catch (error) {
    const message = error?.name === "JourneyCheckError" ? error.message : `error: ${error?.message ?? error}`
    return { method: journey.method, status: "failed", outcome: message, orderId: error?.orderId, durationMs: Date.now() - startedAt }
  }
}

export async function runJourneys(journeys, context, { registeredProviders, onResult = () => {}, timeoutMs } = {}) {
  const results = []
  for (const journey of journeys) {
    const result = await runJourney(journey, context, registeredProviders, timeoutMs)
    results.push(result)
    onResult(result)
  }
  return results
}
