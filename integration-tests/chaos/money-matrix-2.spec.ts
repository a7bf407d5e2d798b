// The second shard of the fault and race matrix: the scenarios of money-matrix.spec.ts that
// matrix-report.ts deals to shard 2, in their own app beside the first shard's.
import "./money-matrix.spec"
