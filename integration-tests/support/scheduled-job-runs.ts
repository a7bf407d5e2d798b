// The runs of the app's scheduled jobs as the workflow engine reports them, for tests that must not
// overlap one.
import type { IWorkflowEngineService, MedusaContainer } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { sleep } from "./wait-for"

type EngineEvent = { eventType: string; transactionId?: string }

/** One scheduled job of the app, followed for the tests of one suite. */
export type FollowedJob = {
  /** Returns when no run of the job is under way or due within the next `ms`. */
  clearFor(ms: number): Promise<void>
}

/**
 * Follows the app's scheduled job `jobName` (run every `everyMinutes` minutes, from the hour) for the
 * tests of the suite this is called in: it subscribes before them and unsubscribes after them.
 */
export function followScheduledJob(getContainer: () => MedusaContainer, jobName: string, everyMinutes: number): FollowedJob {
  let runs: JobRuns | undefined
  beforeAll(async () => {
    runs = await JobRuns.follow(getContainer(), jobName)
  })
  afterAll(() => runs?.stop())
  return {
    async clearFor(ms) {
      if (!runs) throw new Error(`the runs of ${jobName} are followed only during the tests of the suite that follows them`)
      for (let waitMs = runs.waitBefore(everyMinutes, ms); waitMs > 0; waitMs = runs.waitBefore(everyMinutes, ms)) await sleep(waitMs)
    },
  }
}

/**
 * The runs of one job: Medusa runs a job as the workflow `job-<name>`, and its engine reports when
 * each run begins and finishes.
 *
 * The clock alone cannot say whether a run is under way: Medusa's in-process scheduler arms the next
 * run only when the current one has finished, with the delay it computed when it began, so each run
 * starts after its cron time by as long as the previous run took — all of it, also the engine's work
 * before it reports the run's beginning, which the reported beginning and end do not include.
 */
class JobRuns {
  private readonly running = new Set<string>()
  private readonly subscriberId: string
  private lastBeganAt: number | undefined
  private lastRunMs: number | undefined

  private constructor(
    private readonly engine: IWorkflowEngineService,
    private readonly workflowId: string
  ) {
    this.subscriberId = `test-follows-${workflowId}`
  }

  static async follow(container: MedusaContainer, jobName: string): Promise<JobRuns> {
    const runs = new JobRuns(container.resolve<IWorkflowEngineService>(Modules.WORKFLOW_ENGINE), `job-${jobName}`)
    await runs.engine.subscribe({ workflowId: runs.workflowId, subscriberId: runs.subscriberId, subscriber: (event: EngineEvent) => runs.record(event) })
    return runs
  }

  async stop(): Promise<void> {
    await this.engine.unsubscribe({ workflowId: this.workflowId, subscriberOrId: this.subscriberId })
  }

  waitBefore(everyMinutes: number, forMs: number): number {
    return waitBeforeTheJob({ underWay: this.running.size > 0, lastBeganAt: this.lastBeganAt, lastRunMs: this.lastRunMs }, everyMinutes, forMs)
  }

  private record({ eventType, transactionId }: EngineEvent): void {
    if (!transactionId) return
    if (eventType === "onBegin") {
      this.running.add(transactionId)
      this.lastBeganAt = Date.now()
    } else if (eventType === "onFinish") {
      if (this.running.delete(transactionId) && this.lastBeganAt !== undefined) this.lastRunMs = Date.now() - this.lastBeganAt
    }
  }
}

/** What has been seen of a job's runs. */
export type JobRunsSeen = {
  /** A run has begun and not finished. */
  underWay: boolean
  /** When the last run seen began (ms since the epoch). */
  lastBeganAt?: number
  /** How long the last run seen whole took. */
  lastRunMs?: number
}

/**
 * How long to wait before a test of about `forMs` can run without meeting a run of a job scheduled
 * every `everyMinutes` minutes (from the hour, local time, as cron counts): 0 when no run is under
 * way, the run of the current period has been seen (or would have started by now) and the next one
 * is not due within `forMs`.
 *
 * A run that began before the job was followed is not known to be under way: until a run has been
 * seen whole, a run is assumed to take a minute, so the first wait lasts until a run has begun.
 *
 * This period's run is awaited for as long as it could still be coming: it begins late by as long as
 * the last run took in all, which is more than what was seen of it (the engine reports a run's
 * beginning after work of its own); the last run's own lateness plus its seen length plus 15 s
 * bounds that.
 */
export function waitBeforeTheJob(seen: JobRunsSeen, everyMinutes: number, forMs: number, now = new Date()): number {
  const periodStart = periodStartOf(now, everyMinutes)
  const nextStart = periodStart.getTime() + everyMinutes * 60_000
  const lastBeganLateMs = seen.lastBeganAt === undefined ? 0 : seen.lastBeganAt - periodStartOf(new Date(seen.lastBeganAt), everyMinutes).getTime()
  const latestStart = periodStart.getTime() + lastBeganLateMs + (seen.lastRunMs ?? 60_000) + 15_000
  const thisPeriodsRunPending = (seen.lastBeganAt ?? 0) < periodStart.getTime() && now.getTime() < latestStart
  if (seen.underWay || thisPeriodsRunPending) return 500
  if (nextStart - now.getTime() < forMs) return nextStart - now.getTime() + 1_000
  return 0
}

/** When the period of a job run every `everyMinutes` minutes (from the hour, local time) that holds `at` began. */
function periodStartOf(at: Date, everyMinutes: number): Date {
  const start = new Date(at)
  start.setMinutes(at.getMinutes() - (at.getMinutes() % everyMinutes), 0, 0)
  return start
}
