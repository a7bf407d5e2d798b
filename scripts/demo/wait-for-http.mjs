// Polls a URL until it answers 2xx, the service dies, or time runs out.
export async function waitForHttp(url, { timeoutMs = 180000, intervalMs = 500, failed = () => undefined } = {}) {
  const deadline = Date.now() + timeoutMs
  let last = "no answer"
  while (Date.now() < deadline) {
    const failure = failed()
    if (failure) throw new Error(failure)
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(5000) })
      if (res.ok) return res
      last = `HTTP ${res.status}`
    } catch (error) {
      last = error.cause?.code ?? error.message
    }
    await new Promise((r) => setTimeout(r, intervalMs))
  }
  throw new Error(`${url} did not answer within ${Math.round(timeoutMs / 1000)} s (last: ${last})`)
}
