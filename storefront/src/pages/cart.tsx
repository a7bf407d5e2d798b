import type { HttpTypes } from "@medusajs/types"
import { useState } from "react"
import { ErrorMessage } from "../components/layout"
import { formatMoney, useTexts } from "../i18n"
import { setQuantity } from "../medusa/cart"
import { Link } from "../router"
import { useStore } from "../store-context"

export function Totals({ cart }: { cart: HttpTypes.StoreCart }) {
  const { t, lang } = useTexts()
  const money = (amount: number | undefined) => formatMoney(amount ?? 0, cart.currency_code, lang)
  return (
    <dl className="totals">
      <dt>{t.subtotal}</dt>
      <dd>{money(cart.item_total)}</dd>
      <dt>{t.shipping}</dt>
      <dd>{money(cart.shipping_total)}</dd>
      <dt className="total">{t.total}</dt>
      <dd className="total" data-testid="cart-total">
        {money(cart.total)}
      </dd>
    </dl>
  )
}

export function CartPage() {
  const { t, lang } = useTexts()
  const { cart, setCart } = useStore()
  const [error, setError] = useState<string | undefined>()
  const items = cart?.items ?? []
  if (!cart || items.length === 0) {
    return (
      <section>
        <h1>{t.cart}</h1>
        <p data-testid="empty-cart">{t.emptyCart}</p>
        <Link to="/">{t.continueShopping}</Link>
      </section>
    )
  }
  const change = async (lineId: string, quantity: number) => {
    try {
      setCart(await setQuantity(cart.id, lineId, quantity))
    } catch (e) {
      setError((e as Error).message)
    }
  }
  return (
    <section className="cart-page">
      <h1>{t.cart}</h1>
      <ul className="lines">
        {items.map((item) => (
          <li key={item.id} className="line" data-testid="cart-line">
            <span className="line-title">
              {item.product_title} <span className="muted">{item.variant_title}</span>
            </span>
            <span className="line-qty">
              <button className="button small" aria-label="−" onClick={() => change(item.id, item.quantity - 1)}>
                −
              </button>
              <span data-testid="line-quantity">{item.quantity}</span>
              <button className="button small" aria-label="+" onClick={() => change(item.id, item.quantity + 1)}>
                +
              </button>
            </span>
            <span className="line-total">{formatMoney(item.total ?? 0, cart.currency_code, lang)}</span>
            <button className="link-button" onClick={() => change(item.id, 0)}>
              {t.remove}
            </button>
          </li>
        ))}
      </ul>
      {error && <ErrorMessage>{error}</ErrorMessage>}
      <Totals cart={cart} />
      <div className="actions">
        <Link to="/" className="button">
          {t.continueShopping}
        </Link>
        <Link to="/checkout" className="button primary" data-testid="to-checkout">
          {t.toCheckout}
        </Link>
      </div>
    </section>
  )
}
