/**
 * Visits every row of an entity that matches `filters`, one page at a time, for the scheduled jobs:
 * the database does the filtering, and no run loads more than a page or stops at an arbitrary
 * "newest N". Pages follow the id order with the last id seen as cursor rather than an offset:
 * handling a row often takes it out of the filter (a session completed, a plan captured), and an
 * offset would then jump over the rows that moved up.
 */
import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"

export const JOB_PAGE_SIZE = 100

export interface PagedRowsQuery {
  entity: string
  fields: string[]
  filters: Record<string, unknown>
  pageSize?: number
}

export async function forEachPageOfRows<Row extends { id: string }>(
  container: MedusaContainer,
  { entity, fields, filters, pageSize = JOB_PAGE_SIZE }: PagedRowsQuery,
  visit: (rows: Row[]) => Promise<void>
): Promise<void> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  let after: string | undefined
  for (;;) {
    const { data } = await query.graph({
      entity,
      fields: fields.includes("id") ? fields : ["id", ...fields],
      filters: { ...filters, ...(after ? { id: { $gt: after } } : {}) } as never,
      pagination: { take: pageSize, order: { id: "ASC" } },
    })
    const rows = data as Row[]
    if (rows.length) await visit(rows)
    if (rows.length < pageSize) return
    after = rows[rows.length - 1].id
  }
}
