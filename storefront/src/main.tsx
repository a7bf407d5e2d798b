import { useState } from "react"
import { createRoot } from "react-dom/client"
import { Layout } from "./components/layout"
import { LangContext, textsOf, type Lang } from "./i18n"
import { CartPage } from "./pages/cart"
import { CheckoutPage } from "./pages/checkout"
import { LoginPage } from "./pages/login"
import { MyPagesAccountPage, MyPagesListPage } from "./pages/my-pages"
import { ProductListPage, ProductPage } from "./pages/products"
import { FailurePage, SuccessPage } from "./pages/returns"
import { useLocation } from "./router"
import { StoreProvider } from "./store-context"
import "./styles.css"

const LANG_KEY = "storefront.lang"

function Page() {
  const { path, search } = useLocation()
  const product = /^\/products\/([^/]+)$/.exec(path)
  const account = /^\/account\/invoices\/([^/]+)$/.exec(path)
  if (product) return <ProductPage handle={decodeURIComponent(product[1]!)} />
  if (account) return <MyPagesAccountPage accountId={decodeURIComponent(account[1]!)} search={search} />
  switch (path) {
    case "/cart":
      return <CartPage />
    case "/checkout":
      return <CheckoutPage search={search} />
    case "/checkout/success":
      return <SuccessPage search={search} />
    case "/checkout/payment-failed":
      return <FailurePage search={search} />
    case "/account/login":
      return <LoginPage />
    case "/account/invoices":
      return <MyPagesListPage />
    default:
      return <ProductListPage />
  }
}

function App() {
  const [lang, setLangState] = useState<Lang>(() => (localStorage.getItem(LANG_KEY) as Lang | null) ?? "sv")
  const setLang = (next: Lang) => {
    localStorage.setItem(LANG_KEY, next)
    document.documentElement.lang = next
    setLangState(next)
  }
  return (
    <LangContext.Provider value={{ lang, t: textsOf(lang), setLang }}>
      <StoreProvider>
        <Layout>
          <Page />
        </Layout>
      </StoreProvider>
    </LangContext.Provider>
  )
}

createRoot(document.getElementById("root")!).render(<App />)
