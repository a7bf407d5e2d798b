import type { ReactNode } from "react"
import { useTexts, type Lang } from "../i18n"
import { Link } from "../router"
import { useStore } from "../store-context"

export function Layout({ children }: { children: ReactNode }) {
  const { t, lang, setLang } = useTexts()
  const { regions, region, setRegion, cart, customer } = useStore()
  const count = (cart?.items ?? []).reduce((sum, item) => sum + item.quantity, 0)
  return (
    <>
      <div className="sandbox-banner">{t.sandboxBanner}</div>
      <header className="site-header">
        <div className="container header-row">
          <Link to="/" className="brand">
            {t.storeName}
          </Link>
          <nav className="nav">
            <Link to="/">{t.products}</Link>
            <Link to="/cart" data-testid="nav-cart">
              {t.cart} {count > 0 ? <span className="badge">{count}</span> : null}
            </Link>
            <Link to={customer ? "/account/invoices" : "/account/login"} data-testid="nav-account">
              {customer ? t.account : t.login}
            </Link>
          </nav>
          <div className="selectors">
            <label>
              <span className="sr-only">{t.region}</span>
              <select value={region?.id ?? ""} onChange={(event) => setRegion(event.target.value)} data-testid="region-select">
                {regions.map((r) => (
                  <option key={r.id} value={r.id}>
                    {r.name} ({r.currency_code.toUpperCase()})
                  </option>
                ))}
              </select>
            </label>
            <label>
              <span className="sr-only">{t.language}</span>
              <select value={lang} onChange={(event) => setLang(event.target.value as Lang)} data-testid="language-select">
                <option value="sv">Svenska</option>
                <option value="en">English</option>
              </select>
            </label>
          </div>
        </div>
      </header>
      <main className="container page">{children}</main>
      <footer className="site-footer">
        <div className="container">Medusa · medusa-plugin-avarda-avirato</div>
      </footer>
    </>
  )
}

export function ErrorMessage({ children }: { children: ReactNode }) {
  return (
    <p className="alert alert-error" role="alert" data-testid="error">
      {children}
    </p>
  )
}
