/**
 * One fixture (a running sandbox) shared by the tests of a block – a test file, or the `describe`
 * this is called in: started before the first test, reset before each test, stopped after the last.
 *
 * The returned handle reads the running fixture on every property access, so a spec can declare
 * `const t = useSharedFixture(…)` once and use `t` in its tests and helpers as the fixture itself.
 * Hooks registered after this call run after the reset (Jest runs hooks in declaration order).
 */
export function useSharedFixture<T extends object>(lifecycle: {
  start(): Promise<T>
  reset(fixture: T): void
  stop(fixture: T): Promise<void>
}): T {
  let current: T | undefined
  const running = (): T => {
    if (!current) throw new Error("The shared fixture is not running: use it inside tests or hooks, not while collecting them")
    return current
  }
  beforeAll(async () => {
    current = await lifecycle.start()
  })
  afterAll(async () => {
    if (current) await lifecycle.stop(current)
  })
  beforeEach(() => lifecycle.reset(running()))
  return new Proxy({} as T, { get: (_target, key) => Reflect.get(running(), key) })
}
