// A vendor sandbox per test file, wired to the Medusa app the runner boots next: a free port for the
// app, the sandbox, and the environment medusa-config.ts reads (PORT, MEDUSA_BACKEND_URL, SANDBOX_URL
// plus each vendor's own variables). medusa-config.ts is read in the runner's own `beforeAll`, so the
// hooks here must be registered BEFORE `medusaIntegrationTestRunner(...)`.
import { createServer } from "node:net"
import { startSandbox, type Sandbox } from "../../src/sandbox"

export type SandboxStartOptions = NonNullable<Parameters<typeof startSandbox>[0]>

/** A TCP port free on 127.0.0.1 right now (for the app the runner starts). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.unref()
    server.on("error", reject)
    server.listen(0, "127.0.0.1", () => {
      const address = server.address()
      const port = typeof address === "object" && address ? address.port : 0
      server.close(() => resolve(port))
    })
  })
}

export interface SandboxEnv {
  sandbox: Sandbox
  /** The Medusa app's port (it is started by the runner after this). */
  port: number
  backendUrl: string
}

/**
 * Picks the app's port, starts a sandbox (its options may depend on the app's URL, e.g. a webhook
 * target) and sets PORT, MEDUSA_BACKEND_URL and SANDBOX_URL, then `env` (vendor variables and a
 * test file's overrides, later keys winning).
 */
export async function startSandboxEnv(
  env: Record<string, string> = {},
  sandboxOptions: (backendUrl: string) => SandboxStartOptions = () => ({})
): Promise<SandboxEnv> {
  const port = await freePort()
  const backendUrl = `http://localhost:${port}`
  const sandbox = await startSandbox(sandboxOptions(backendUrl))
  Object.assign(process.env, { PORT: String(port), MEDUSA_BACKEND_URL: backendUrl, SANDBOX_URL: sandbox.origin, ...env })
  return { sandbox, port, backendUrl }
}

/**
 * Registers a top-level `beforeAll` that runs `start` and an `afterAll` that stops its sandbox.
 * Returns the environment object, filled in once `beforeAll` has run (so `env.sandbox` reads as
 * usual in hooks and tests). Call it BEFORE `medusaIntegrationTestRunner(...)`.
 */
export function useSandboxEnv<E extends { sandbox: Sandbox }>(start: () => Promise<E>): E {
  const env = {} as E
  beforeAll(async () => {
    Object.assign(env, await start())
  })
  afterAll(async () => {
    await (env as Partial<E>).sandbox?.stop()
  })
  return env
}
