export * from "./client"
export * from "./environments"
export * from "./schemas"
export * from "./widget-sessions"
