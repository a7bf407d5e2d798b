// What the app under test logs, kept for assertions (e.g. that a personal ID number never is).
import { logger } from "@medusajs/framework/logger"

const LEVELS = ["info", "warn", "error", "debug", "log"] as const

/**
 * Registers a top-level `beforeAll` spying on Medusa's logger: every line still reaches the logger
 * and is also appended, as text (errors with their stack), to the returned array. Call it BEFORE
 * `medusaIntegrationTestRunner(...)` so the app logs through the spies from its start.
 */
export function captureLogger(): string[] {
  const logged: string[] = []
  beforeAll(() => {
    const target = logger as unknown as Record<string, (...args: unknown[]) => unknown>
    for (const level of LEVELS) {
      const original = target[level]!.bind(logger)
      jest.spyOn(target, level).mockImplementation((...args: unknown[]) => {
        logged.push(args.map((a) => (a instanceof Error ? `${a.message} ${a.stack}` : typeof a === "string" ? a : JSON.stringify(a))).join(" "))
        return original(...args)
      })
    }
  })
  return logged
}
