// A stand-in for Medusa's `query.graph` over in-memory rows, for the jobs' unit tests: it applies
// the filters the jobs send (equality, lists, null, $gt / $gte / $lte / $ne, $or, and conditions on
// the keys of a JSON column, where $like matches the value's JSON text as Postgres's `->>` gives
// it) and the pagination (take, order by id), and records every call with the number of rows it
// answered, so a test sees what the "database" was asked for and handed back.
type Row = { id: string } & Record<string, unknown>

function comparable(value: unknown): number | string {
  if (value instanceof Date) return value.getTime()
  if (typeof value === "string" && /^\d{4}-\d{2}-\d{2}T/.test(value)) return new Date(value).getTime()
  return value as number | string
}

/** A JSON value as Postgres prints jsonb: `"key": value`, `, ` between items, an object's keys shorter first, then in byte order. */
function jsonbText(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(jsonbText).join(", ")}]`
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined)
    entries.sort(([a], [b]) => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0))
    return `{${entries.map(([key, v]) => `${JSON.stringify(key)}: ${jsonbText(v)}`).join(", ")}}`
  }
  return JSON.stringify(value)
}

/** SQL's LIKE on the text of a JSON value, as Postgres's `->>` gives it. */
function like(value: unknown, pattern: string): boolean {
  if (value === null || value === undefined) return false
  const text = typeof value === "string" ? value : jsonbText(value)
  const regex = new RegExp(`^${pattern.split("%").map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join(".*")}$`, "s")
  return regex.test(text)
}

function matches(value: unknown, condition: unknown): boolean {
  if (condition === null) return value === null || value === undefined
  if (Array.isArray(condition)) return condition.includes(value)
  if (condition instanceof Date) return comparable(value) === condition.getTime()
  if (typeof condition === "object") {
    return Object.entries(condition as Record<string, unknown>).every(([operator, operand]) => {
      if (!operator.startsWith("$")) return matches((value as Record<string, unknown> | null | undefined)?.[operator], operand) // a key of a JSON value
      if (operator === "$ne") return operand === null ? value !== null && value !== undefined : value !== operand
      if (operator === "$like") return like(value, operand as string)
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

function rowMatches(row: Row, filters: Record<string, unknown>): boolean {
  return Object.entries(filters).every(([key, condition]) =>
    key === "$or" ? (condition as Array<Record<string, unknown>>).some((alternative) => rowMatches(row, alternative)) : matches(row[key], condition)
  )
}

export interface GraphCall {
  entity: string
  filters: Record<string, unknown>
  pagination?: { take?: number; skip?: number; order?: Record<string, string> }
  /** How many rows the call answered. */
  answered?: number
}

export function fakeQuery(tables: Record<string, Row[]>) {
  const calls: GraphCall[] = []
  return {
    calls,
    graph: async (input: GraphCall & { fields: string[] }) => {
      const call: GraphCall = { entity: input.entity, filters: input.filters, pagination: input.pagination }
      calls.push(call)
      let rows = (tables[input.entity] ?? []).filter((row) => rowMatches(row, input.filters ?? {}))
      if (input.pagination?.order?.id) rows = [...rows].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0) * (input.pagination!.order!.id === "DESC" ? -1 : 1))
      const skip = input.pagination?.skip ?? 0
      rows = rows.slice(skip, input.pagination?.take === undefined ? undefined : skip + input.pagination.take)
      call.answered = rows.length
      return { data: rows.map((row) => structuredClone(row)) }
    },
  }
}
