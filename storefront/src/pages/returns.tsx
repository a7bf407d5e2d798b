/**
 * The pages the plugin's return routes send shoppers to (providers' `storefront.successUrl` /
 * `failureUrl`): `/checkout/success?order_id=…` and `/checkout/payment-failed?cart_id=…&reason=…`.
 */
import type { HttpTypes } from "@medusajs/types"
import { useEffect, useState } from "react"
import { ErrorMessage } from "../components/layout"
import { formatMoney, useTexts } from "../i18n"
import { forgetCart, storedCartId } from "../medusa/cart"
import { readReturn } from "../medusa/return-pages"
import { sdk } from "../medusa/sdk"
import { Link, navigate } from "../router"
import { useStore } from "../store-context"

export function SuccessPage({ search }: { search: string }) {
  const { t, lang } = useTexts()
  const { setCart } = useStore()
  const outcome = readReturn(search)
  const orderId = outcome.kind === "success" ? outcome.orderId : undefined
  const [order, setOrder] = useState<HttpTypes.StoreOrder | undefined>()
  const [error, setError] = useState<string | undefined>()
  useEffect(() => {
    if (!orderId) return
    sdk.store.order.retrieve(orderId, { fields: "id,display_id,total,currency_code,payment_status,email,*items" }).then(({ order: loaded }) => {
      setOrder(loaded)
      // The cart became this order: the next purchase starts a new cart.
      forgetCart()
      setCart(undefined)
    }, (e: Error) => setError(e.message))
  }, [orderId, setCart])
  if (!orderId) return <ErrorMessage>order_id?</ErrorMessage>
  if (error) return <ErrorMessage>{error}</ErrorMessage>
  if (!order) return <p>{t.loading}</p>
  return (
    <section className="card result" data-testid="order-confirmation">
      <h1>{t.orderThanks}</h1>
      <dl className="facts">
        <dt>{t.orderNumber}</dt>
        <dd data-testid="order-number">#{order.display_id}</dd>
        <dt>{t.total}</dt>
        <dd data-testid="order-total">{formatMoney(order.total, order.currency_code, lang)}</dd>
        <dt>{t.paymentStatus}</dt>
        <dd data-testid="order-payment-status" data-status={order.payment_status}>
          {t.paymentStatuses[order.payment_status] ?? order.payment_status}
        </dd>
      </dl>
      <ul className="mini-lines">
        {(order.items ?? []).map((item) => (
          <li key={item.id}>
            {item.quantity} × {item.product_title}
          </li>
        ))}
      </ul>
      <Link to="/" className="button">
        {t.continueShopping}
      </Link>
    </section>
  )
}

/**
 * The payment is confirmed but another request is still placing the order (the plugin's return
 * reason `order_processing`), or the vendor has not yet given its answer (reason `pending`: Avarda
 * still processing, or not reachable when the shopper came back): ask Medusa for the order every few
 * seconds (completing a completed cart answers with its order; completing a cart whose payment the
 * vendor has since approved places it) and show it as soon as it exists. Never offers another
 * method: the shopper has paid, or may still be approved.
 */
function useOrderOnceItExists(cartId: string | undefined): void {
  useEffect(() => {
    if (!cartId) return
    let stopped = false
    let attempts = 0
    const check = async () => {
      if (stopped || attempts++ >= 40) return
      const result = await sdk.store.cart.complete(cartId).catch(() => undefined)
      if (stopped) return
      if (result?.type === "order") navigate(`/checkout/success?order_id=${encodeURIComponent(result.order.id)}`, { replace: true })
      else setTimeout(check, 3000)
    }
    const first = setTimeout(check, 1500)
    return () => {
      stopped = true
      clearTimeout(first)
    }
  }, [cartId])
}

/** The return reasons whose order may still be placed, and how each waiting page is titled. */
const WAITING_PAGES: Record<string, { testId: string; heading: "paymentPending" | "orderBeingPlaced"; showMessage: boolean }> = {
  pending: { testId: "payment-pending", heading: "paymentPending", showMessage: true },
  order_processing: { testId: "order-processing", heading: "orderBeingPlaced", showMessage: false },
}

export function FailurePage({ search }: { search: string }) {
  const { t } = useTexts()
  const outcome = readReturn(search)
  const failure = outcome.kind === "failure" ? outcome : undefined
  const cartId = failure?.cartId ?? storedCartId()
  // Reasons under which the order may still come: the page waits for it instead of offering another method.
  const waiting = failure && cartId ? WAITING_PAGES[failure.reason] : undefined
  useOrderOnceItExists(waiting ? (cartId ?? undefined) : undefined)
  if (failure && waiting) {
    return (
      <section className="card result" data-testid={waiting.testId}>
        <h1>{t[waiting.heading]}</h1>
        <p data-testid="failure-reason" data-reason={failure.reason}>
          {t.failureReasons[failure.reason]}
        </p>
        {waiting.showMessage && failure.message && (
          <p className="muted" data-testid="failure-message">
            {failure.message}
          </p>
        )}
        <p>{t.loading}</p>
      </section>
    )
  }
  return (
    <section className="card result" data-testid="payment-failed">
      <h1>{t.paymentFailed}</h1>
      <p data-testid="failure-reason" data-reason={failure?.reason}>
        {(failure && t.failureReasons[failure.reason]) ?? t.failedDefault}
      </p>
      {failure?.message && (
        <p className="muted" data-testid="failure-message">
          {failure.message}
        </p>
      )}
      <Link to={cartId ? `/checkout?cart_id=${encodeURIComponent(cartId)}` : "/cart"} className="button primary" data-testid="try-another-method">
        {t.tryAnotherMethod}
      </Link>
    </section>
  )
}
