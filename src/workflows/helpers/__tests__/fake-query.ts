// A stand-in for Medusa's `query.graph` over in-memory rows, for the jobs' unit tests: it applies
// the filters the jobs send (equality, lists, null, $gt / $gte / $lte) and the pagination (take,
// order by id), and records every call, so a test sees what the "database" was asked for.
type Row = { id: string } & Record<string, unknown>

function comparable(value: unknown): number | string {
  if (value instanceof Date) return value.getTime()
  if (typeof value === "string" && /^\d{4}-\d{2}-\d{2}T/.test(value)) return new Date(value).getTime()
  return value as number | string
}

function matches(value: unknown, condition: unknown): boolean {
  if (condition === null) return value === null || value === undefined
  if (Array.isArray(condition)) return condition.includes(value)
  if (condition instanceof Date) return comparable(value) === condition.getTime()
  if (typeof condition === "object") {
    return Object.entries(condition as Record<string, unknown>).every(([operator, operand]) => {
      const [a, b] = [comparable(value), comparable(operand)]
      if (operator === "$gt") return a > b
      if (operator === "$gte") return a >= b
      if (operator === "$lte") return a <= b
      if (operator === "$lt") return a < b
      throw new Error(`fake query: operator ${operator} not supported`)
    })
  }
  return value === condition
}

export interface GraphCall {
  entity: string
  filters: Record<string, unknown>
  pagination?: { take?: number; skip?: number; order?: Record<string, string> }
}

export function fakeQuery(tables: Record<string, Row[]>) {
  const calls: GraphCall[] = []
  return {
    calls,
    graph: async (input: GraphCall & { fields: string[] }) => {
      calls.push({ entity: input.entity, filters: input.filters, pagination: input.pagination })
      let rows = (tables[input.entity] ?? []).filter((row) => Object.entries(input.filters ?? {}).every(([key, condition]) => matches(row[key], condition)))
      if (input.pagination?.order?.id) rows = [...rows].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0) * (input.pagination!.order!.id === "DESC" ? -1 : 1))
      const skip = input.pagination?.skip ?? 0
      rows = rows.slice(skip, input.pagination?.take === undefined ? undefined : skip + input.pagination.take)
      return { data: rows.map((row) => structuredClone(row)) }
    },
  }
}
