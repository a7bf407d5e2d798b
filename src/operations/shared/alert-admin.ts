import type { Logger, MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"

export interface AdminAlert {
  /** Same key = same alert: redeliveries, replays and a second process do not notify twice. */
  key: string
  title: string
  description: string
  /** Ids the notification carries besides its text (e.g. the payment it is about). */
  data?: Record<string, string>
  /** How the alert is logged: "error" (the default) for money that went wrong, "warn" for a decision waiting on a person. */
  logAs?: "error" | "warn"
}

/**
 * Something about a payment needs a person: a capture or refund the vendor reported as failed, a
 * payment on a discarded checkout that was given back, a chargeback, a capture or release the
 * vendor refused. It goes to the admin's notification feed (the bell in Medusa Admin, visible to
 * every admin user) and to the log. Never throws: the payment's own record holds the case even when
 * the feed cannot be written, and an alert that cannot be stored is still logged.
 */
export async function alertAdmin(container: MedusaContainer, alert: AdminAlert): Promise<void> {
  const logger = container.resolve<Logger>(ContainerRegistrationKeys.LOGGER)
  logger[alert.logAs ?? "error"](`${alert.title}: ${alert.description}`)
  try {
    await container.resolve(Modules.NOTIFICATION).createNotifications({
      to: "",
      channel: "feed",
      template: "admin-ui",
      data: { title: alert.title, description: alert.description, ...alert.data },
      idempotency_key: alert.key,
    })
  } catch (error) {
    logger.error(`Could not store the admin notification "${alert.title}": ${(error as Error).message}`)
  }
}
