// Progress lines while the demo starts: "[demo  12.3s] Running database migrations…".
export function createProgress(write = (line) => process.stdout.write(`${line}\n`)) {
  const startedAt = Date.now()
  const elapsed = () => `${((Date.now() - startedAt) / 1000).toFixed(1).padStart(5)}s`
  return {
    startedAt,
    elapsedMs: () => Date.now() - startedAt,
    /** One progress line. */
    step: (message) => write(`[demo ${elapsed()}] ${message}`),
    /** Prints a line every `everyMs` while `promise` is pending (long steps show they are alive). */
    async whilePending(promise, message, everyMs = 15000) {
      const timer = setInterval(() => write(`[demo ${elapsed()}] …still ${message}`), everyMs)
      try {
        return await promise
      } finally {
        clearInterval(timer)
      }
    },
  }
}
