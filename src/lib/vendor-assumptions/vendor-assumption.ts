/** One behaviour a vendor's documentation leaves open, and what the plugin and the sandbox assume. */
export interface VendorAssumption {
  /** Stable id, reported by the go-live check (`U1`, `D3`, `A4` …). */
  readonly id: string
  /** What the documentation does not say. */
  readonly unknown: string
  /** What the sandbox does (and the plugin expects), in Markdown. */
  readonly sandbox: string
}
