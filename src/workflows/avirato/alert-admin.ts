import type { Logger, MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"

export interface AdminAlert {
  /** Same key = same alert: redeliveries and replays do not notify twice. */
  key: string
  title: string
  description: string
}

/**
 * Something about an Avirato payment needs a person: a capture or refund Avirato reported as failed,
 * a payment on a discarded checkout that was voided/refunded, a chargeback. It goes to the admin's
 * notification feed (the bell in Medusa Admin, visible to every admin user) and to the error log.
 * Never throws: an alert that cannot be stored is still logged.
 */
export async function alertAdmin(container: MedusaContainer, alert: AdminAlert): Promise<void> {
  const logger = container.resolve<Logger>(ContainerRegistrationKeys.LOGGER)
  logger.error(`${alert.title}: ${alert.description}`)
  try {
    const notifications = container.resolve(Modules.NOTIFICATION)
    await notifications.createNotifications({
      to: "",
      channel: "feed",
      template: "admin-ui",
      data: { title: alert.title, description: alert.description },
      idempotency_key: alert.key,
    })
  } catch (error) {
    logger.error(`Avirato: could not store the admin notification "${alert.title}": ${(error as Error).message}`)
  }
}
