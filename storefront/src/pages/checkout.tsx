import type { HttpTypes } from "@medusajs/types"
import { useEffect, useState, type FormEvent } from "react"
import { ErrorMessage } from "../components/layout"
import { CreditTerms } from "../components/widgets"
import { formatMoney, useTexts, type Texts } from "../i18n"
import { payWithAvarda } from "../medusa/avarda-credit"
import { payWithCard } from "../medusa/avirato-card"
import { chooseShipping, rememberCart, setContact, shippingOptionsOf, type CheckoutAddress } from "../medusa/cart"
import { paymentOptionsOf, type CartPaymentOptions, type PaymentOption } from "../medusa/payment-options"
import { Link, navigate } from "../router"
import { useStore } from "../store-context"
import { Totals } from "./cart"

/** Sandbox shoppers the "fill in test details" button uses, per country of the region. */
const TEST_DETAILS: Record<string, { email: string; address: CheckoutAddress }> = {
  se: {
    email: "shopper@example.com",
    address: { first_name: "Sven", last_name: "Svensson", address_1: "Storgatan 1", postal_code: "11122", city: "Stockholm", country_code: "se", phone: "0701234567" },
  },
  es: {
    email: "shopper@example.com",
    address: { first_name: "Lucía", last_name: "García", address_1: "Calle Mayor 1", postal_code: "28013", city: "Madrid", country_code: "es", phone: "+34600123456" },
  },
}

/** The sandbox's test personal identity numbers (Sweden): the number decides Avarda's answer. */
const TEST_IDENTITIES = [
  ["198005012003", "approved"],
  ["198005022002", "BankID"],
  ["198005032001", "rejected"],
] as const

const EMPTY_ADDRESS: CheckoutAddress = { first_name: "", last_name: "", address_1: "", postal_code: "", city: "", country_code: "", phone: "" }

function addressOf(cart: HttpTypes.StoreCart, countryCode: string): CheckoutAddress {
  const a = cart.shipping_address
  return a
    ? {
        first_name: a.first_name ?? "",
        last_name: a.last_name ?? "",
        address_1: a.address_1 ?? "",
        postal_code: a.postal_code ?? "",
        city: a.city ?? "",
        country_code: a.country_code ?? countryCode,
        phone: a.phone ?? "",
      }
    : { ...EMPTY_ADDRESS, country_code: countryCode }
}

function AddressStep({ cart, onSaved }: { cart: HttpTypes.StoreCart; onSaved: (cart: HttpTypes.StoreCart) => void }) {
  const { t } = useTexts()
  const { region, customer } = useStore()
  const countryCode = region?.countries?.[0]?.iso_2 ?? "se"
  const [email, setEmail] = useState(cart.email ?? customer?.email ?? "")
  const [address, setAddress] = useState<CheckoutAddress>(addressOf(cart, countryCode))
  const [error, setError] = useState<string | undefined>()
  const [busy, setBusy] = useState(false)
  const field = (key: keyof CheckoutAddress, label: string, props: Record<string, string> = {}) => (
    <label>
      {label}
      <input name={key} value={address[key]} required onChange={(event) => setAddress({ ...address, [key]: event.target.value })} {...props} />
    </label>
  )
  const submit = async (event: FormEvent) => {
    event.preventDefault()
    setBusy(true)
    setError(undefined)
    try {
      onSaved(await setContact(cart.id, email, { ...address, country_code: countryCode }))
    } catch (e) {
      setError((e as Error).message)
    } finally {
      setBusy(false)
    }
  }
  const test = TEST_DETAILS[countryCode]
  return (
    <form className="card form" onSubmit={submit} data-testid="address-form">
      <h2>{t.contact}</h2>
      {test && (
        <button
          type="button"
          className="link-button"
          onClick={() => {
            setEmail(customer?.email ?? test.email)
            setAddress(test.address)
          }}
          data-testid="fill-test-details"
        >
          Fill in sandbox test details
        </button>
      )}
      <label>
        {t.email}
        <input name="email" type="email" value={email} required onChange={(event) => setEmail(event.target.value)} />
      </label>
      <div className="row">
        {field("first_name", t.firstName)}
        {field("last_name", t.lastName)}
      </div>
      {field("address_1", t.address)}
      <div className="row">
        {field("postal_code", t.postalCode)}
        {field("city", t.city)}
      </div>
      {field("phone", t.phone, { type: "tel" })}
      {error && <ErrorMessage>{error}</ErrorMessage>}
      <button className="button primary" type="submit" disabled={busy} data-testid="save-address">
        {t.saveAddress}
      </button>
    </form>
  )
}

function ShippingStep({ cart, onChosen }: { cart: HttpTypes.StoreCart; onChosen: (cart: HttpTypes.StoreCart) => void }) {
  const { t, lang } = useTexts()
  const [options, setOptions] = useState<HttpTypes.StoreCartShippingOption[] | undefined>()
  const [error, setError] = useState<string | undefined>()
  useEffect(() => {
    shippingOptionsOf(cart.id).then(setOptions, (e: Error) => setError(e.message))
  }, [cart.id])
  // The shopper's pick shows at once; the cart follows when Medusa has added the method.
  const [picked, setPicked] = useState<string | undefined>()
  const chosen = picked ?? cart.shipping_methods?.[0]?.shipping_option_id
  return (
    <section className="card">
      <h2>{t.delivery}</h2>
      {error && <ErrorMessage>{error}</ErrorMessage>}
      {!options && !error && <p>{t.loading}</p>}
      {options?.map((option) => (
        <label key={option.id} className="choice">
          <input
            type="radio"
            name="shipping"
            checked={chosen === option.id}
            onChange={async () => {
              setPicked(option.id)
              try {
                onChosen(await chooseShipping(cart.id, option.id))
              } catch (e) {
                setPicked(undefined)
                setError((e as Error).message)
              }
            }}
            data-testid="shipping-option"
          />
          <span>{option.name}</span>
          <span className="muted">{formatMoney(option.amount, cart.currency_code, lang)}</span>
        </label>
      ))}
    </section>
  )
}

function optionLabel(option: PaymentOption, t: Texts): string {
  const name = t.methods[option.method] ?? option.label
  if (option.vendor === "avirato") return `${name} (Avirato)`
  return option.vendor === "avarda-standalone" ? `${name} (${t.standalone})` : `${name} (Avarda)`
}

function unavailableText(option: PaymentOption, currency: string, t: Texts, lang: "sv" | "en"): string {
  const reason = option.unavailable_reason ?? "not_configured"
  const limit = reason === "amount_below_minimum" ? option.min_amount : option.max_amount
  return (t.unavailable[reason] ?? t.unavailable.not_configured!)(formatMoney(limit, currency, lang))
}

function PaymentStep({ cart }: { cart: HttpTypes.StoreCart }) {
  const { t, lang } = useTexts()
  const [offer, setOffer] = useState<CartPaymentOptions | undefined>()
  const [selected, setSelected] = useState<string | undefined>()
  const [personalId, setPersonalId] = useState("")
  const [term, setTerm] = useState<number | undefined>()
  const [error, setError] = useState<string | undefined>()
  const [busy, setBusy] = useState(false)

  useEffect(() => {
    paymentOptionsOf(cart.id).then(setOffer, (e: Error) => setError(e.message))
  }, [cart.id, cart.total])

  const option = offer?.payment_options.find((o) => o.provider_id === selected)
  useEffect(() => setTerm(option?.payment_terms?.[0]), [option?.provider_id, option?.payment_terms])

  const pay = async () => {
    if (!option) return
    setBusy(true)
    setError(undefined)
    const outcome = option.requires_personal_id_number ? await payWithAvarda(cart.id, option, personalId.trim(), term ?? undefined) : await payWithCard(cart)
    if (outcome.kind === "order") navigate(`/checkout/success?order_id=${encodeURIComponent(outcome.orderId)}`)
    else if (outcome.kind === "redirect") window.location.assign(outcome.url)
    else {
      setError(outcome.message)
      setBusy(false)
    }
  }

  return (
    <section className="card" data-testid="payment-step">
      <h2>{t.payment}</h2>
      {!offer && !error && <p>{t.loading}</p>}
      {offer && (
        <fieldset className="payment-options">
          <legend>{t.choosePayment}</legend>
          {offer.payment_options.map((o) => (
            <div key={o.provider_id} className={`payment-option${o.available ? "" : " disabled"}`}>
              <label className="choice">
                <input
                  type="radio"
                  name="payment"
                  value={o.provider_id}
                  disabled={!o.available || busy}
                  checked={selected === o.provider_id}
                  onChange={() => {
                    setSelected(o.provider_id)
                    setError(undefined)
                  }}
                  data-testid={`payment-option-${o.vendor}-${o.method}`}
                />
                <span>{optionLabel(o, t)}</span>
                {!o.available && <span className="muted">{unavailableText(o, offer.currency_code, t, lang)}</span>}
              </label>
              {selected === o.provider_id && (
                <div className="payment-details">
                  {o.requires_personal_id_number && (
                    <label>
                      {t.personalId}
                      <input
                        name="personal_id_number"
                        value={personalId}
                        inputMode="numeric"
                        autoComplete="off"
                        onChange={(event) => setPersonalId(event.target.value)}
                        data-testid="personal-id"
                      />
                      <small className="muted">
                        {t.personalIdHint} Sandbox: {TEST_IDENTITIES.map(([number, outcome]) => `${number} (${outcome})`).join(", ")}
                      </small>
                    </label>
                  )}
                  {o.payment_terms && o.payment_terms.length > 0 && (
                    <label>
                      {t.term}
                      <select value={term ?? ""} onChange={(event) => setTerm(Number(event.target.value))} data-testid="payment-term">
                        {o.payment_terms.map((months) => (
                          <option key={months} value={months}>
                            {t.months(months)}
                          </option>
                        ))}
                      </select>
                    </label>
                  )}
                  {(o.apr_widget || o.cost_notice_required) && <CreditTerms option={o} total={offer.amount} lang={lang} />}
                  <button className="button primary" onClick={pay} disabled={busy || (o.requires_personal_id_number && !personalId.trim())} data-testid="pay">
                    {busy ? t.paying : o.requires_personal_id_number ? `${t.pay} ${formatMoney(offer.amount, offer.currency_code, lang)}` : t.payCard}
                  </button>
                </div>
              )}
            </div>
          ))}
        </fieldset>
      )}
      {error && (
        <p className="alert alert-error" role="alert" data-testid="payment-error">
          {error}
        </p>
      )}
    </section>
  )
}

export function CheckoutPage({ search }: { search: string }) {
  const { t } = useTexts()
  const { cart, setCart, reloadCart } = useStore()
  const [loaded, setLoaded] = useState(false)
  const [editAddress, setEditAddress] = useState(false)

  useEffect(() => {
    // Back from the failure page ("choose another method"): continue with that cart.
    const cartId = new URLSearchParams(search).get("cart_id")
    if (cartId) rememberCart(cartId)
    void reloadCart().then(() => setLoaded(true))
  }, [search, reloadCart])

  if (!loaded) return <p>{t.loading}</p>
  if (!cart || (cart.items ?? []).length === 0) {
    return (
      <section>
        <h1>{t.checkout}</h1>
        <p>{t.emptyCart}</p>
        <Link to="/">{t.continueShopping}</Link>
      </section>
    )
  }
  const hasAddress = !!cart.email && !!cart.shipping_address?.address_1 && !editAddress
  const hasShipping = (cart.shipping_methods ?? []).length > 0
  return (
    <section className="checkout">
      <h1>{t.checkout}</h1>
      <div className="checkout-grid">
        <div className="checkout-steps">
          {hasAddress ? (
            <section className="card summary" data-testid="address-summary">
              <h2>{t.contact}</h2>
              <p>
                {cart.email}
                <br />
                {cart.shipping_address?.first_name} {cart.shipping_address?.last_name}, {cart.shipping_address?.address_1}, {cart.shipping_address?.postal_code}{" "}
                {cart.shipping_address?.city}
              </p>
              <button className="link-button" onClick={() => setEditAddress(true)}>
                {t.edit}
              </button>
            </section>
          ) : (
            <AddressStep
              cart={cart}
              onSaved={(updated) => {
                setCart(updated)
                setEditAddress(false)
              }}
            />
          )}
          {hasAddress && <ShippingStep cart={cart} onChosen={setCart} />}
          {hasAddress && hasShipping && <PaymentStep cart={cart} />}
        </div>
        <aside className="card">
          <h2>{t.cart}</h2>
          <ul className="mini-lines">
            {(cart.items ?? []).map((item) => (
              <li key={item.id}>
                {item.quantity} × {item.product_title}
              </li>
            ))}
          </ul>
          <Totals cart={cart} />
        </aside>
      </div>
    </section>
  )
}
