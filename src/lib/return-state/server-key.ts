/**
 * Where the return-state key comes from: Medusa's `projectConfig.http.jwtSecret`, which every
 * server and worker of a deployment shares (Medusa refuses to start in production without it), so a
 * state made by the server that started the payment verifies on whichever server the shopper returns
 * to. `JWT_SECRET` — what Medusa reads when the config names none — is the fallback for containers
 * without the config module. No Medusa imports here.
 */
import { returnStateKey, type ReturnStateKey } from "./return-state"

interface ConfigModuleLike {
  projectConfig?: { http?: { jwtSecret?: unknown } }
}

export function returnStateKeyOfConfig(configModule: unknown, env: Record<string, string | undefined> = process.env): ReturnStateKey | undefined {
  const configured = (configModule as ConfigModuleLike | undefined)?.projectConfig?.http?.jwtSecret
  const secret = typeof configured === "string" && configured ? configured : env.JWT_SECRET
  return secret ? returnStateKey(secret) : undefined
}

/** The key from a Medusa container (routes, workflows); undefined when it holds no secret. */
export function returnStateKeyOfContainer(container: { resolve: (name: string) => unknown }): ReturnStateKey | undefined {
  return returnStateKeyOfConfig(readSafely(() => container.resolve("configModule")))
}

/** The key from a payment provider's cradle (the Payment Module's container hands it the config module). */
export function returnStateKeyOfCradle(cradle: Record<string, unknown>): ReturnStateKey | undefined {
  return returnStateKeyOfConfig(readSafely(() => cradle.configModule))
}

/** Awilix throws for a name it does not know: that is a container without the config module. */
function readSafely(read: () => unknown): unknown {
  try {
    return read()
  } catch {
    return undefined
  }
}

export class ReturnStateKeyMissingError extends Error {
  constructor() {
    super("Return URLs are signed with Medusa's projectConfig.http.jwtSecret (or JWT_SECRET), and neither is set")
    this.name = "ReturnStateKeyMissingError"
  }
}

/** A key that must be there: a return URL never goes out unsigned. */
export function requireReturnStateKey(key: ReturnStateKey | undefined): ReturnStateKey {
  if (!key) throw new ReturnStateKeyMissingError()
  return key
}
