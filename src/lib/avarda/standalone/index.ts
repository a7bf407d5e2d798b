// Avarda Standalone Credit (CheckOut2Api) building blocks without Medusa imports. Rows,
// markets, SSN checks and the request hand-off come from the shared Avarda modules one level up.
export * from "./environments"
export * from "./request"
export * from "./languages"
export * from "./build-request"
export * from "./request-validation"
export * from "./schemas"
export * from "./errors"
export * from "./purchase-state"
export * from "./client"
export * from "./shared-client"
export * from "./credit-request-handoff"
