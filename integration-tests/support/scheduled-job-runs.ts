// The runs of the app's scheduled jobs as the workflow engine reports them, for tests that must not
// overlap one.
import type { IWorkflowEngineService, MedusaContainer } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { sleep } from "./wait-for"

type EngineEvent = { eventType: string; transactionId?: string }

/**
 * Follows one scheduled job: Medusa runs a job as the workflow `job-<name>`, and its engine reports
 * when each run begins and finishes.
 *
 * The clock alone cannot say whether a run is under way: Medusa's in-process scheduler arms the next
 * run only when the current one has finished, with the delay it computed when it began, so each run
 * starts after its cron time by as long as the previous run took.
 */
export class ScheduledJobRuns {
  private readonly running = new Set<string>()
  private readonly subscriberId: string
  private began: number | undefined
  private lastLengthMs: number | undefined

  private constructor(
    private readonly engine: IWorkflowEngineService,
    private readonly workflowId: string
  ) {
    this.subscriberId = `test-follows-${workflowId}`
  }

  static async follow(container: MedusaContainer, jobName: string): Promise<ScheduledJobRuns> {
    const runs = new ScheduledJobRuns(container.resolve<IWorkflowEngineService>(Modules.WORKFLOW_ENGINE), `job-${jobName}`)
    await runs.engine.subscribe({ workflowId: runs.workflowId, subscriberId: runs.subscriberId, subscriber: (event: EngineEvent) => runs.record(event) })
    return runs
  }

  async stop(): Promise<void> {
    await this.engine.unsubscribe({ workflowId: this.workflowId, subscriberOrId: this.subscriberId })
  }

  /** Whether a run has begun and not finished. */
  get underWay(): boolean {
    return this.running.size > 0
  }

  /** When the last run seen began (ms since the epoch), if one was seen. */
  get lastBeganAt(): number | undefined {
    return this.began
  }

  /** How long the last run seen took, if one was seen whole. */
  get lastRunMs(): number | undefined {
    return this.lastLengthMs
  }

  private record({ eventType, transactionId }: EngineEvent): void {
    if (!transactionId) return
    if (eventType === "onBegin") {
      this.running.add(transactionId)
      this.began = Date.now()
    } else if (eventType === "onFinish") {
      if (this.running.delete(transactionId) && this.began !== undefined) this.lastLengthMs = Date.now() - this.began
    }
  }
}

/**
 * How long to wait before a test of about `forMs` can run without meeting a run of a job scheduled
 * every `everyMinutes` minutes (from the hour, local time, as cron counts): 0 when no run is under
 * way, the run of the current period has been seen (or would have started by now) and the next one
 * is not due within `forMs`.
 */
export function waitForScheduledRuns(runs: ScheduledJobRuns, everyMinutes: number, forMs: number): number {
  const now = new Date()
  const periodStart = new Date(now)
  periodStart.setMinutes(now.getMinutes() - (now.getMinutes() % everyMinutes), 0, 0)
  const nextStart = periodStart.getTime() + everyMinutes * 60_000
  // A run starts late by as long as the previous one took; a minute is assumed for one not seen whole.
  const latestStart = periodStart.getTime() + (runs.lastRunMs ?? 60_000) + 5_000
  const thisPeriodsRunPending = (runs.lastBeganAt ?? 0) < periodStart.getTime() && now.getTime() < latestStart
  if (runs.underWay || thisPeriodsRunPending) return 500
  if (nextStart - now.getTime() < forMs) return nextStart - now.getTime() + 1_000
  return 0
}

/** Waits until `waitForScheduledRuns` finds nothing to wait for. */
export async function clearOfScheduledRuns(runs: ScheduledJobRuns, everyMinutes: number, forMs: number): Promise<void> {
  for (let waitMs = waitForScheduledRuns(runs, everyMinutes, forMs); waitMs > 0; waitMs = waitForScheduledRuns(runs, everyMinutes, forMs)) {
    await sleep(waitMs)
  }
}
