/** Invoice rows in minor units, as stored for captures, returns and My Pages transactions. */
export interface InvoiceRow {
  description: string
  notes?: string
  /** Amount of one unit, VAT included. */
  unitAmountMinor: number
  quantity: number
  taxCode?: string
  /** Tax of one unit. */
  unitTaxMinor: number
}

export function rowTotalMinor(row: InvoiceRow): number {
  return row.unitAmountMinor * row.quantity
}

export function rowsTotalMinor(rows: readonly InvoiceRow[]): number {
  return rows.reduce((sum, row) => sum + rowTotalMinor(row), 0)
}
