import { failedAttemptsIn, oneMoreFailedAttempt, takeNoticeIfDue } from "../failed-attempts"

describe("failedAttemptsIn", () => {
  const count = { attempts: 2, since: "2026-12-06T12:00:00.000Z", last_attempt_at: "2026-12-06T12:05:00.000Z", last_error: "timeout" }

  it.each([
    ["a count as the workflows write it", count, count],
    ["an older version's count (no last attempt)", { attempts: 4, since: "2026-12-01T00:00:00.000Z", last_error: "500" }, { attempts: 4, since: "2026-12-01T00:00:00.000Z", last_error: "500" }],
    ["no count", undefined, undefined],
    ["a count cleared with null", null, undefined],
    ["attempts not a number", { ...count, attempts: "2" }, undefined],
    ["no start", { attempts: 2, last_error: "timeout" }, undefined],
    ["not an object", "2 attempts", undefined],
  ])("%s", (_case, value, expected) => {
    expect(failedAttemptsIn(value)).toEqual(expected)
  })
})

describe("oneMoreFailedAttempt", () => {
  const first = new Date("2026-12-06T12:00:00.000Z")
  const later = new Date("2026-12-06T12:05:00.000Z")

  it("starts the count at the first failure", () => {
    expect(oneMoreFailedAttempt(undefined, "422 refused", first)).toEqual({
      attempts: 1,
      since: "2026-12-06T12:00:00.000Z",
      last_attempt_at: "2026-12-06T12:00:00.000Z",
      last_error: "422 refused",
    })
  })

  it("keeps when it started and moves the last attempt and its error", () => {
    expect(oneMoreFailedAttempt(oneMoreFailedAttempt(undefined, "422 refused", first), "timeout", later)).toEqual({
      attempts: 2,
      since: "2026-12-06T12:00:00.000Z",
      last_attempt_at: "2026-12-06T12:05:00.000Z",
      last_error: "timeout",
    })
  })

  it("reads a count written before the last attempt was recorded (an older version's record)", () => {
    expect(oneMoreFailedAttempt({ attempts: 4, since: "2026-12-01T00:00:00.000Z", last_error: "500" }, "500", later)).toMatchObject({
      attempts: 5,
      since: "2026-12-01T00:00:00.000Z",
      last_attempt_at: "2026-12-06T12:05:00.000Z",
    })
  })

  it("keeps when the admin was told", () => {
    const told = { attempts: 5, since: "2026-12-01T00:00:00.000Z", last_attempt_at: "2026-12-06T11:00:00.000Z", last_error: "500", notified_at: "2026-12-01T00:05:00.000Z" }
    expect(oneMoreFailedAttempt(told, "500", later)).toMatchObject({ attempts: 6, notified_at: "2026-12-01T00:05:00.000Z" })
  })
})

describe("takeNoticeIfDue", () => {
  const now = new Date("2026-12-06T12:10:00.000Z")
  const count = (attempts: number, notified_at?: string) => ({ attempts, since: "2026-12-06T12:00:00.000Z", last_attempt_at: "2026-12-06T12:05:00.000Z", last_error: "500", ...(notified_at ? { notified_at } : {}) })

  it.each([
    ["the first failure, notice at 1", count(1), 1, true],
    ["four failures, notice at 5", count(4), 5, false],
    ["five failures, notice at 5", count(5), 5, true],
    ["six failures, notice at 5, nobody told", count(6), 5, true],
    ["six failures, told before", count(6, "2026-12-06T12:01:00.000Z"), 5, false],
  ])("%s", (_case, failure, attemptsBeforeNotice, notify) => {
    const taken = takeNoticeIfDue(failure, attemptsBeforeNotice, now)
    expect(taken.notify).toBe(notify)
    expect(taken.failure).toEqual(notify ? { ...failure, notified_at: now.toISOString() } : failure)
  })
})
