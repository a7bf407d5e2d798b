import { useState, type FormEvent } from "react"
import { ErrorMessage } from "../components/layout"
import { useTexts } from "../i18n"
import { storedCartId } from "../medusa/cart"
import { sdk } from "../medusa/sdk"
import { navigate } from "../router"
import { useStore } from "../store-context"

export function LoginPage() {
  const { t } = useTexts()
  const { customer, reloadCustomer, reloadCart } = useStore()
  const [email, setEmail] = useState("")
  const [password, setPassword] = useState("")
  const [error, setError] = useState<string | undefined>()
  const [busy, setBusy] = useState(false)

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    setBusy(true)
    setError(undefined)
    try {
      await sdk.auth.login("customer", "emailpass", { email, password })
      // A cart started before logging in becomes the customer's (their orders are then theirs).
      const cartId = storedCartId()
      if (cartId) await sdk.store.cart.transferCart(cartId).catch(() => undefined)
      await Promise.all([reloadCustomer(), reloadCart()])
      navigate("/account/invoices")
    } catch {
      setError(t.loginFailed)
      setBusy(false)
    }
  }

  if (customer) {
    return (
      <section className="card">
        <p>{t.loggedInAs(`${customer.first_name ?? ""} ${customer.last_name ?? ""}`.trim() || customer.email)}</p>
        <button
          className="button"
          onClick={async () => {
            await sdk.auth.logout()
            await reloadCustomer()
          }}
        >
          {t.logout}
        </button>
      </section>
    )
  }
  return (
    <form className="card form narrow" onSubmit={submit} data-testid="login-form">
      <h1>{t.loginTitle}</h1>
      <label>
        {t.email}
        <input name="email" type="email" value={email} required onChange={(event) => setEmail(event.target.value)} />
      </label>
      <label>
        {t.password}
        <input name="password" type="password" value={password} required onChange={(event) => setPassword(event.target.value)} />
      </label>
      {error && <ErrorMessage>{error}</ErrorMessage>}
      <button className="button primary" type="submit" disabled={busy} data-testid="login">
        {t.login}
      </button>
      <p className="muted">Demo: sven.svensson@example.com / demo-customer-password</p>
    </form>
  )
}
