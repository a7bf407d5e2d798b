import { waitBeforeTheJob, type JobRunsSeen } from "../scheduled-job-runs"

// Local time, as cron counts: 6 December 2026 at 12:mm:ss.ms.
const at = (minute: number, second: number, ms = 0) => new Date(2026, 11, 6, 12, minute, second, ms)
const seenAt = (began: Date, lastRunMs?: number, underWay = false): JobRunsSeen => ({ underWay, lastBeganAt: began.getTime(), lastRunMs })

describe("waitBeforeTheJob", () => {
  it.each<[string, JobRunsSeen, number, number, Date, number]>([
    ["a minutely job's run of this minute has finished: a 30 s test may start", seenAt(at(10, 0, 200), 150), 1, 30_000, at(10, 15), 0],
    ["a run is under way: wait", seenAt(at(10, 0, 200), 150, true), 1, 30_000, at(10, 15), 500],
    ["this minute's run has not begun yet, and the minute is younger than the last run's lateness and length + 15 s: wait", seenAt(at(9, 0, 200), 150), 1, 30_000, at(10, 12), 500],
    ["this minute's run has not begun though it would have (15 s past the last run's lateness and length): no wait", seenAt(at(9, 0, 200), 150), 1, 30_000, at(10, 16), 0],
    ["the last run began 8 s late (the one before it was slow): this minute's run may be as late, and as late as that one took", seenAt(at(9, 8), 300), 1, 30_000, at(10, 23), 500],
    ["… and no later than 15 s past that", seenAt(at(9, 8), 300), 1, 30_000, at(10, 24), 0],
    ["the next run is due within the test: wait until a second past its start", seenAt(at(10, 0, 200), 150), 1, 30_000, at(10, 40), 21_000],
    ["no run seen yet: wait until one has begun", { underWay: false }, 1, 30_000, at(10, 50), 500],
    ["a ten-minute job, seven minutes before its next run: a 3 min test may start", seenAt(at(10, 0, 300), 2_000), 10, 180_000, at(13, 0), 0],
    ["a ten-minute job, two minutes before its next run: wait until a second past it", seenAt(at(10, 0, 300), 2_000), 10, 180_000, at(18, 0), 121_000],
    ["a ten-minute job whose last run took 30 s: this period's run starts late by as much", seenAt(at(0, 1), 30_000), 10, 60_000, at(10, 20), 500],
    ["a ten-minute job never seen, two minutes into the period: its run would have begun", { underWay: false }, 10, 60_000, at(12, 0), 0],
  ])("%s", (_case, seen, everyMinutes, forMs, now, expected) => {
    expect(waitBeforeTheJob(seen, everyMinutes, forMs, now)).toBe(expected)
  })
})
