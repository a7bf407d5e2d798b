import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { warnExpiringAuthorizations } from "../operations/authorization-expiry/warn-expiring-authorizations"

/**
 * Every hour: one admin notification per uncaptured Avirato pre-authorisation or Avarda authorization
 * that is inside its warning lead (plugin settings, default 2 days) or has lapsed.
 */
export default async function warnExpiringAuthorizationsJob(container: MedusaContainer): Promise<void> {
  const report = await warnExpiringAuthorizations(container)
  if (report.notified.length) {
    container.resolve(ContainerRegistrationKeys.LOGGER).info(`Authorization expiry: ${report.notified.length} admin notification(s) sent`)
  }
}

export const config = {
  name: "warn-expiring-authorizations",
  schedule: "7 * * * *",
}
