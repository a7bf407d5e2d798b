/**
 * Tells the admin about every uncaptured authorization of this plugin's providers that is about to
 * lapse (or has lapsed): one notification in the admin's feed per payment and expiry, however often
 * the job runs and however many processes run it. The database narrows the rows to open payments old
 * enough to be near their expiry; the expiry itself lives in the payment's JSON data and is read on
 * each row. Each due payment's notice is a workflow (notify-expiring-authorization.ts) that decides
 * again inside the payment's lock, sends a notification with an idempotency key and records on the
 * payment the expiry it was sent for.
 */
import type { IPaymentModuleService, Logger, MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { AUTHORIZATION_LIFETIMES, expiryWarningDaysFor, type AuthorizationFamily } from "../../lib/authorization-expiry"
import { isProviderIdOf, type PluginVendorKey } from "../../lib/plugin-vendors"
import { readFreshRuntimeSettings } from "../../lib/runtime-settings"
import {
  dueForExpiryNotice,
  EXPIRING_PAYMENT_FIELDS,
  notifyExpiringAuthorizationWorkflow,
  type ExpiringPaymentRow,
} from "../../workflows/authorization-expiry/notify-expiring-authorization"
import { forEachPageOfRows } from "../shared/paged-rows"

const DAY_MS = 24 * 60 * 60 * 1000

/** Days after its expiry a lapsed authorization is still looked at: its "lapsed" notice, had no run met it before. */
export const LAPSED_NOTICE_DAYS = 7

export interface ExpiryWarningReport {
  /** Payments whose admin was notified in this run. */
  notified: string[]
  /** Rows the database handed over (open payments old enough to be near their expiry). */
  examined: number
}

/** The vendors of each group of families (one database query per group). */
const PROVIDER_GROUPS: Array<{ vendors: PluginVendorKey[]; families: AuthorizationFamily[] }> = [
  { vendors: ["avirato"], families: ["avirato-preauth"] },
  { vendors: ["avarda", "avarda-standalone"], families: ["avarda", "avarda-standalone"] },
]

export async function warnExpiringAuthorizations(
  container: MedusaContainer,
  { now = new Date(), pageSize }: { now?: Date; pageSize?: number } = {}
): Promise<ExpiryWarningReport> {
  const report: ExpiryWarningReport = { notified: [], examined: 0 }
  const paymentModule = container.resolve<IPaymentModuleService>(Modules.PAYMENT)
  const providerIds = (await paymentModule.listPaymentProviders({})).map((provider) => provider.id)
  const settings = await readFreshRuntimeSettings()
  for (const group of PROVIDER_GROUPS) {
    const ids = providerIds.filter((id) => group.vendors.some((vendor) => isProviderIdOf(vendor, id)))
    if (!ids.length) continue
    // A payment made after this instant cannot be inside its warning lead yet (an extension only
    // moves the expiry later).
    const youngestDue = Math.max(...group.families.map((family) => AUTHORIZATION_LIFETIMES[family].days - expiryWarningDaysFor(family, settings)))
    // An authorization expires at most its lifetime after the payment was last written (an
    // extension writes it): a payment not written for longer than that and LAPSED_NOTICE_DAYS lapsed
    // long ago. Medusa keeps a partly captured payment "not captured" for ever, and a lapsed one
    // stays open too: without this bound every run would read them all again.
    const oldestDue = Math.max(...group.families.map((family) => AUTHORIZATION_LIFETIMES[family].days)) + LAPSED_NOTICE_DAYS
    const filters = {
      provider_id: ids,
      captured_at: null,
      canceled_at: null,
      created_at: { $lte: new Date(now.getTime() - Math.max(0, youngestDue) * DAY_MS) },
      updated_at: { $gte: new Date(now.getTime() - oldestDue * DAY_MS) },
    }
    await forEachPageOfRows<ExpiringPaymentRow>(
      container,
      { entity: "payment", fields: EXPIRING_PAYMENT_FIELDS, filters, pageSize },
      async (payments) => {
        report.examined += payments.length
        for (const payment of payments) {
          if (!dueForExpiryNotice(payment, now, settings)) continue
          try {
            // Decided again inside the payment's lock on a fresh read (settings included).
            const { result: notified } = await notifyExpiringAuthorizationWorkflow(container).run({ input: { payment_id: payment.id, now: now.toISOString() } })
            if (notified) report.notified.push(payment.id)
          } catch (error) {
            // One payment's trouble (a lock held by a dead process) waits for the next run.
            container.resolve<Logger>(ContainerRegistrationKeys.LOGGER).warn(`Authorization expiry: payment ${payment.id} not checked: ${(error as Error).message}`)
          }
        }
      }
    )
  }
  return report
}
