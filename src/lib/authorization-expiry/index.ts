export * from "./authorization-expiry"
