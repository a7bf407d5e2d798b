import { randomBytes, randomUUID } from "node:crypto"

export interface IdGenerator {
  /** `${prefix}${instance tag}${sequence}`: unique within the instance, readable in logs. */
  next(prefix?: string): string
  guid(): string
}

/** Each sandbox has its own generator; the random tag keeps ids of two instances apart. */
export function createIdGenerator(): IdGenerator {
  const instanceTag = randomBytes(3).toString("hex")
  let sequence = 0
  return {
    next(prefix = "") {
      sequence += 1
      return `${prefix}${instanceTag}${sequence.toString(36).padStart(4, "0")}`
    },
    guid: () => randomUUID(),
  }
}
