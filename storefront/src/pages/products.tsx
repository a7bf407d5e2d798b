import type { HttpTypes } from "@medusajs/types"
import { useEffect, useState } from "react"
import { ErrorMessage } from "../components/layout"
import { MonthlyCost } from "../components/widgets"
import { formatMoney, useTexts } from "../i18n"
import { addToCart } from "../medusa/cart"
import { sdk } from "../medusa/sdk"
import { Link } from "../router"
import { useStore } from "../store-context"

const PRODUCT_FIELDS = "id,title,handle,description,thumbnail,*variants,*variants.calculated_price"

type Product = HttpTypes.StoreProduct

function priceOf(product: Product): { amount: number; currency: string } | undefined {
  const price = product.variants?.[0]?.calculated_price
  return price?.calculated_amount != null && price.currency_code ? { amount: Number(price.calculated_amount), currency: price.currency_code } : undefined
}

function useProducts(regionId: string | undefined, handle?: string) {
  const [products, setProducts] = useState<Product[] | undefined>()
  const [error, setError] = useState<string | undefined>()
  useEffect(() => {
    if (!regionId) return
    setProducts(undefined)
    sdk.store.product
      .list({ region_id: regionId, fields: PRODUCT_FIELDS, ...(handle ? { handle } : {}) })
      .then(({ products: list }) => setProducts(list), (e: Error) => setError(e.message))
  }, [regionId, handle])
  return { products, error }
}

function ProductImage({ product }: { product: Product }) {
  if (product.thumbnail) return <img src={product.thumbnail} alt="" className="product-image" />
  return (
    <div className="product-image placeholder" aria-hidden>
      <span>{product.title?.slice(0, 1)}</span>
    </div>
  )
}

export function ProductListPage() {
  const { t, lang } = useTexts()
  const { region } = useStore()
  const { products, error } = useProducts(region?.id)
  if (error) return <ErrorMessage>{error}</ErrorMessage>
  if (!products) return <p>{t.loading}</p>
  return (
    <section>
      <h1>{t.products}</h1>
      <ul className="product-grid">
        {products.map((product) => {
          const price = priceOf(product)
          return (
            <li key={product.id} className="card product-card">
              <Link to={`/products/${product.handle}`} data-testid={`product-${product.handle}`}>
                <ProductImage product={product} />
                <h2>{product.title}</h2>
                <p className="price">{price ? formatMoney(price.amount, price.currency, lang) : "–"}</p>
              </Link>
            </li>
          )
        })}
      </ul>
    </section>
  )
}

export function ProductPage({ handle }: { handle: string }) {
  const { t, lang } = useTexts()
  const { region, setCart } = useStore()
  const { products, error } = useProducts(region?.id, handle)
  const [quantity, setQuantity] = useState(1)
  const [state, setState] = useState<"idle" | "adding" | "added">("idle")
  const [addError, setAddError] = useState<string | undefined>()
  if (error) return <ErrorMessage>{error}</ErrorMessage>
  if (!products) return <p>{t.loading}</p>
  const product = products[0]
  if (!product) return <ErrorMessage>404</ErrorMessage>
  const price = priceOf(product)
  const variant = product.variants?.[0]

  const add = async () => {
    if (!region || !variant) return
    setState("adding")
    setAddError(undefined)
    try {
      setCart(await addToCart(region.id, variant.id, quantity))
      setState("added")
    } catch (e) {
      setAddError((e as Error).message)
      setState("idle")
    }
  }

  return (
    <article className="product-page">
      <ProductImage product={product} />
      <div className="product-info">
        <h1>{product.title}</h1>
        {price && (
          <p className="price big" data-testid="product-price">
            {formatMoney(price.amount, price.currency, lang)} <span className="muted">{t.inclVat}</span>
          </p>
        )}
        {/* Avarda's monthly cost: Avarda lends in its Nordic markets, here the Swedish region. */}
        {price && price.currency.toLowerCase() === "sek" && <MonthlyCost price={price.amount} lang={lang} />}
        {product.description && <p>{product.description}</p>}
        <div className="buy-row">
          <label>
            {t.quantity}
            <input type="number" min={1} max={20} value={quantity} onChange={(event) => setQuantity(Math.max(1, Number(event.target.value) || 1))} data-testid="quantity" />
          </label>
          <button className="button primary" onClick={add} disabled={state === "adding" || !variant} data-testid="add-to-cart">
            {t.addToCart}
          </button>
        </div>
        {state === "added" && (
          <p className="alert alert-success" data-testid="added">
            {t.added} · <Link to="/cart">{t.cart}</Link>
          </p>
        )}
        {addError && <ErrorMessage>{addError}</ErrorMessage>}
      </div>
    </article>
  )
}
