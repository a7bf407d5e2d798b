// Checks used by the demo's shopper journeys. CommonJS (no dependencies) so unit tests load it directly.
"use strict"

/** A journey outcome that is not what was expected: the journey fails with this message. */
class JourneyCheckError extends Error {
  constructor(message) {
    super(message)
    this.name = "JourneyCheckError"
  }
}

function describe(value) {
  if (value === undefined) return "undefined"
  const text = typeof value === "string" ? JSON.stringify(value) : JSON.stringify(value)
  return text === undefined ? String(value) : text.length > 300 ? `${text.slice(0, 300)}…` : text
}

/** Fails the journey with `message` unless `condition` holds. */
function check(condition, message) {
  if (!condition) throw new JourneyCheckError(message)
}

/** Fails unless `actual` equals `expected` (=== for primitives, JSON equality otherwise). */
function checkEqual(actual, expected, what) {
  const same = actual === expected || (typeof actual === "object" && actual !== null && JSON.stringify(actual) === JSON.stringify(expected))
  if (!same) throw new JourneyCheckError(`${what}: expected ${describe(expected)}, got ${describe(actual)}`)
}

/** Fails unless the HTTP response has status `expected` (a number or a list); returns its data. */
function checkStatus(response, expected, step) {
  const allowed = Array.isArray(expected) ? expected : [expected]
  if (!allowed.includes(response.status)) {
    throw new JourneyCheckError(`${step}: expected HTTP ${allowed.join(" or ")}, got ${response.status} ${describe(response.data)}`)
  }
  return response.data
}

/** Money equality in major units, tolerant to binary floating point (to 1/1000 of a unit). */
function checkAmount(actual, expected, what) {
  if (typeof actual !== "number" || Math.abs(actual - expected) > 0.001) {
    throw new JourneyCheckError(`${what}: expected ${expected}, got ${describe(actual)}`)
  }
}

/** Polls `probe` until it returns a truthy value (returned) or `timeoutMs` passes (then fails with `what`). */
async function eventually(probe, what, { timeoutMs = 20000, intervalMs = 250 } = {}) {
  const deadline = Date.now() + timeoutMs
  let last
  for (;;) {
    last = await probe()
    if (last) return last
    if (Date.now() > deadline) throw new JourneyCheckError(`${what} (waited ${Math.round(timeoutMs / 1000)} s)`)
    await new Promise((resolve) => setTimeout(resolve, intervalMs))
  }
}

module.exports = { JourneyCheckError, check, checkEqual, checkStatus, checkAmount, eventually }
