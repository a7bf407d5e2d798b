import { oneMoreFailedAttempt } from "../failed-attempts"

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
})
