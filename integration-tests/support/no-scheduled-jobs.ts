// For test files whose tests count what the reconciliation jobs would also do (re-sent refunds,
// placed orders, released reservations): the app runs as a server without a worker, and Medusa
// loads no scheduled job then. The tests run the jobs themselves, when they mean to, instead of
// waiting for a gap between the app's own runs.
import { WorkflowManager } from "@medusajs/framework/orchestration"
import { config as aviratoReconciliation } from "../../src/jobs/avirato-reconcile-sessions"
import { config as identityLinkCleaning } from "../../src/jobs/clean-avarda-identity-links"
import { config as creditReconciliation } from "../../src/jobs/reconcile-credit-payments"
import { config as expiryWarnings } from "../../src/jobs/warn-expiring-authorizations"

/** Spread into a test file's environment: Medusa's `workerMode` "server" (no scheduled jobs, subscribers still run). */
export const WITHOUT_SCHEDULED_JOBS = { MEDUSA_WORKER_MODE: "server" } as const

/** A test that the app of the file has none of the plugin's jobs scheduled (Medusa runs a job as the workflow `job-<name>`). */
export function itRunsNoScheduledJob(): void {
  it("the app runs none of the plugin's scheduled jobs in this file: only the tests' own runs of them touch its payments", () => {
    const jobs = [aviratoReconciliation, identityLinkCleaning, creditReconciliation, expiryWarnings].map(({ name }) => name)
    expect(jobs).toHaveLength(4)
    expect(jobs.filter((name) => WorkflowManager.getWorkflow(`job-${name}`) !== undefined)).toEqual([])
  })
}
