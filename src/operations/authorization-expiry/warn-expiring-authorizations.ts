/**
 * Tells the admin about every uncaptured authorization of this plugin's providers that is about to
 * lapse (or has lapsed): one notification in the admin's feed per payment and expiry, however often
 * the job runs and however many processes run it. The database narrows the rows to open payments old
 * enough to be near their expiry; the expiry itself lives in the payment's JSON data and is read on
 * each row. Each notification is decided again inside the payment's lock and carries an
 * idempotency key, and the payment records the expiry it was sent for.
 */
import type { IPaymentModuleService, Logger, MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import {
  AUTHORIZATION_LIFETIMES,
  authorizationFamilyOf,
  authorizationSettled,
  expiryAdvice,
  expiryStatus,
  expiryWarningDaysFor,
  shouldNotifyExpiry,
  type AuthorizationFamily,
} from "../../lib/authorization-expiry"
import { isProviderIdOf, type PluginVendorKey } from "../../lib/plugin-vendors"
import { readFreshRuntimeSettings, type RuntimeSettings } from "../../lib/runtime-settings"
import { forEachPageOfRows } from "../shared/paged-rows"
import { withPaymentLock } from "../shared/payment-lock"
import { writePaymentData } from "../shared/write-payment-data"

const DAY_MS = 24 * 60 * 60 * 1000

interface PaymentRow {
  id: string
  provider_id: string
  payment_collection_id?: string | null
  captured_at?: string | Date | null
  canceled_at?: string | Date | null
  data?: Record<string, unknown> | null
}

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
    const filters = {
      provider_id: ids,
      captured_at: null,
      canceled_at: null,
      created_at: { $lte: new Date(now.getTime() - Math.max(0, youngestDue) * DAY_MS) },
    }
    await forEachPageOfRows<PaymentRow>(
      container,
      { entity: "payment", fields: ["id", "provider_id", "payment_collection_id", "captured_at", "canceled_at", "data"], filters, pageSize },
      async (payments) => {
        report.examined += payments.length
        for (const payment of payments) {
          if (!dueForNotification(payment, now, settings)) continue
          try {
            if (await notifyOnce(container, paymentModule, payment.id, now)) report.notified.push(payment.id)
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

function dueForNotification(payment: PaymentRow, now: Date, settings: RuntimeSettings): boolean {
  const family = authorizationFamilyOf(payment.provider_id, payment.data)
  if (!family) return false
  const settled = authorizationSettled(family, payment.data, payment)
  return shouldNotifyExpiry({ family, data: payment.data, settled }, now, expiryWarningDaysFor(family, settings))
}

/** Decided again inside the payment's lock on a fresh read (settings included); true when a notification was sent. */
async function notifyOnce(container: MedusaContainer, paymentModule: IPaymentModuleService, paymentId: string, now: Date): Promise<boolean> {
  return withPaymentLock(container, paymentId, async () => {
    const payment = (await paymentModule.retrievePayment(paymentId, {
      select: ["id", "provider_id", "payment_collection_id", "captured_at", "canceled_at", "data"],
    })) as unknown as PaymentRow
    const settings = await readFreshRuntimeSettings()
    if (!dueForNotification(payment, now, settings)) return false
    const data = (payment.data ?? {}) as Record<string, unknown>
    const family = authorizationFamilyOf(payment.provider_id, data)!
    const status = expiryStatus(data.authorization_expires_at as string, now, expiryWarningDaysFor(family, settings))!
    const order = await orderOfPayment(container, payment.payment_collection_id)
    const notifications = container.resolve(Modules.NOTIFICATION)
    await notifications.createNotifications({
      to: "",
      channel: "feed",
      template: "admin-ui",
      data: {
        title: status.state === "expired" ? `Authorization lapsed${order ? ` on order #${order.display_id}` : ""}` : `Authorization expiring${order ? ` on order #${order.display_id}` : ""}`,
        description: `${expiryAdvice(family, status)} Payment ${payment.id}${order ? `, order ${order.id}` : ""}.`,
      },
      // The same payment and expiry never notify twice, even if the write below is lost.
      idempotency_key: `authorization-expiry:${payment.id}:${status.expires_at}`,
    })
    await writePaymentData(paymentModule, payment.id, { ...data, authorization_expiry_notified_for: status.expires_at })
    container.resolve<Logger>(ContainerRegistrationKeys.LOGGER).warn(`Authorization expiry: ${expiryAdvice(family, status)} (payment ${payment.id})`)
    return true
  })
}

async function orderOfPayment(container: MedusaContainer, paymentCollectionId: string | null | undefined): Promise<{ id: string; display_id: number } | undefined> {
  if (!paymentCollectionId) return undefined
  try {
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const { data } = await query.graph({ entity: "payment_collection", fields: ["id", "order.id", "order.display_id"], filters: { id: paymentCollectionId } })
    const order = (data[0] as { order?: { id: string; display_id: number } | null } | undefined)?.order
    return order ?? undefined
  } catch {
    return undefined
  }
}
