/**
 * My Pages: the customer's Avarda invoices and accounts, the identity step (until the customer proves
 * to be the Avarda person, only their own purchases show), strong authentication for loans, paying an
 * open invoice. Everything it knows about the plugin's routes comes through ../medusa/my-pages.ts.
 */
import { useEffect, useState } from "react"
import { ErrorMessage } from "../components/layout"
import { formatDate, formatMoney, useTexts } from "../i18n"
import {
  getAvardaAccount,
  listAvardaAccounts,
  startAvardaIdentification,
  startAvardaPayment,
  waitForAvardaPayment,
  type AvardaAccount,
  type AvardaAccountDetail,
  type AvardaIdentity,
  type StrongAuthentication,
} from "../medusa/my-pages"
import { sdk } from "../medusa/sdk"
import { Link, navigate } from "../router"
import { useStore } from "../store-context"

function StrongAuthNotice({ strongAuthentication }: { strongAuthentication: StrongAuthentication }) {
  const { t } = useTexts()
  if (!strongAuthentication.required || !strongAuthentication.redirect_url) return null
  return (
    <div className="alert alert-info" data-testid="strong-authentication">
      <p>{t.strongAuthNeeded}</p>
      <button className="button primary" onClick={() => window.location.assign(strongAuthentication.redirect_url!)} data-testid="identify">
        {t.identify}
      </button>
    </div>
  )
}

/** Until the customer proves who they are, only their own purchases show: offer the identity step. */
function IdentityNotice({ identity }: { identity: AvardaIdentity }) {
  const { t } = useTexts()
  const [error, setError] = useState<string | undefined>()
  if (identity.verified || !identity.can_verify) return null
  const identify = async () => {
    setError(undefined)
    try {
      const redirectUrl = await startAvardaIdentification()
      if (redirectUrl) window.location.assign(redirectUrl)
      else window.location.reload()
    } catch (e) {
      setError((e as Error).message)
    }
  }
  return (
    <div className="alert alert-info" data-testid="identity-needed">
      <p>{t.identityNeeded}</p>
      <button className="button primary" onClick={identify} data-testid="identify-person">
        {t.identify}
      </button>
      {error && <ErrorMessage>{error}</ErrorMessage>}
    </div>
  )
}

/** Avarda's names in the shopper's language where the storefront has them, else the plugin's English label. */
function useAccountLabels() {
  const { t } = useTexts()
  return {
    type: (account: AvardaAccount) => t.accountTypes[account.type] ?? account.type_label,
    state: (account: AvardaAccount) => (account.state ? (t.accountStates[account.state] ?? account.state_label) : null),
  }
}

function StateBadge({ account }: { account: AvardaAccount }) {
  const labels = useAccountLabels()
  if (!account.state) return null
  return <span className={`state state-${account.state_tone}`}>{labels.state(account)}</span>
}

function useLoggedIn(): boolean | undefined {
  const { customer } = useStore()
  useEffect(() => {
    if (customer === null) navigate("/account/login", { replace: true })
  }, [customer])
  return customer === undefined ? undefined : customer !== null
}

export function MyPagesListPage() {
  const { t, lang } = useTexts()
  const labels = useAccountLabels()
  const { customer, reloadCustomer } = useStore()
  const loggedIn = useLoggedIn()
  const [data, setData] = useState<{ accounts: AvardaAccount[]; identity: AvardaIdentity; strong_authentication: StrongAuthentication } | undefined>()
  const [error, setError] = useState<string | undefined>()
  useEffect(() => {
    if (loggedIn) listAvardaAccounts().then(setData, (e: Error) => setError(e.message))
  }, [loggedIn])
  if (!loggedIn) return <p>{t.loading}</p>
  return (
    <section className="my-pages">
      <div className="title-row">
        <h1>{t.myPages}</h1>
        <button
          className="link-button"
          onClick={async () => {
            await sdk.auth.logout()
            await reloadCustomer()
          }}
        >
          {t.logout}
        </button>
      </div>
      <p className="muted">
        {customer?.email} · {t.myPagesIntro}
      </p>
      {error && <ErrorMessage>{error}</ErrorMessage>}
      {!data && !error && <p>{t.loading}</p>}
      {data && <IdentityNotice identity={data.identity} />}
      {data && <StrongAuthNotice strongAuthentication={data.strong_authentication} />}
      {data && data.accounts.length === 0 && <p data-testid="no-accounts">{t.noAccounts}</p>}
      {data && data.accounts.length > 0 && (
        <ul className="accounts">
          {data.accounts.map((account) => (
            <li key={account.id} className="card account" data-testid={`account-${account.id}`}>
              <div>
                <strong>{labels.type(account)}</strong> <span className="muted">{account.id}</span>
                <div className="muted">
                  {t.due} {formatDate(account.due_date, lang)}
                </div>
              </div>
              <StateBadge account={account} />
              <div className="amounts">
                {account.access === "own_purchases" && <span className="muted">{t.ownPurchaseOnly}</span>}
                {account.balance !== null && <strong>{formatMoney(account.balance, account.currency, lang)}</strong>}
                {account.original_amount !== null && (
                  <span className="muted">
                    {t.of} {formatMoney(account.original_amount, account.currency, lang)}
                  </span>
                )}
              </div>
              <Link to={`/account/invoices/${account.id}`} className="button small" data-testid={`open-${account.id}`}>
                {t.details}
              </Link>
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}

export function MyPagesAccountPage({ accountId, search }: { accountId: string; search: string }) {
  const { t, lang } = useTexts()
  const labels = useAccountLabels()
  const loggedIn = useLoggedIn()
  const [account, setAccount] = useState<AvardaAccountDetail | undefined>()
  const [strongAuthentication, setStrongAuthentication] = useState<StrongAuthentication | undefined>()
  const [error, setError] = useState<string | undefined>()
  const [payment, setPayment] = useState<"idle" | "starting" | "waiting" | string>("idle")

  const load = () =>
    getAvardaAccount(accountId).then(
      (answer) => {
        setAccount(answer.account)
        setStrongAuthentication(answer.strong_authentication)
      },
      (e: Error) => setError(e.message)
    )

  useEffect(() => {
    if (!loggedIn) return
    // Back from Avarda's payment form: `?purchaseId=…` — wait for Avarda's final state, then reload.
    const purchaseId = new URLSearchParams(search).get("purchaseId")
    if (purchaseId) {
      setPayment("waiting")
      waitForAvardaPayment(accountId, purchaseId).then(
        (outcome) => {
          setPayment(outcome)
          void load()
        },
        (e: Error) => setError(e.message)
      )
    } else {
      void load()
    }
  }, [loggedIn, accountId, search])

  const pay = async () => {
    setPayment("starting")
    setError(undefined)
    try {
      const form = await startAvardaPayment(accountId, lang === "sv" ? "sv-SE" : "en-GB")
      // The sandbox shows its form as a page; with Avarda, mount the Checkout 3.0 form from
      // form.checkout_script_url with form.purchase_id and form.jwt instead.
      if (form.payment_page_url) window.location.assign(form.payment_page_url)
      else setError("Avarda's payment form is not available in this demo.")
    } catch (e) {
      setError((e as Error).message)
      setPayment("idle")
    }
  }

  if (!loggedIn) return <p>{t.loading}</p>
  return (
    <section className="my-pages">
      <Link to="/account/invoices">← {t.back}</Link>
      {error && <ErrorMessage>{error}</ErrorMessage>}
      {payment === "waiting" && <p className="alert alert-info">{t.waitingForPayment}</p>}
      {t.paymentResult[payment] && (
        <p className={`alert ${payment === "paid" ? "alert-success" : "alert-error"}`} data-testid="payment-result" data-outcome={payment}>
          {t.paymentResult[payment]}
        </p>
      )}
      {strongAuthentication && <StrongAuthNotice strongAuthentication={strongAuthentication} />}
      {!account && !strongAuthentication && !error && <p>{t.loading}</p>}
      {account && (
        <article className="card" data-testid="account-detail">
          <div className="title-row">
            <h1>
              {labels.type(account)} <span className="muted">{account.id}</span>
            </h1>
            <StateBadge account={account} />
          </div>
          {account.access === "own_purchases" && <p className="muted" data-testid="own-purchase-only">{t.ownPurchaseOnly}</p>}
          <dl className="facts">
            <dt>{t.balance}</dt>
            <dd data-testid="account-balance">{formatMoney(account.balance, account.currency, lang)}</dd>
            <dt>{t.minimum}</dt>
            <dd>{formatMoney(account.minimum_amount_to_pay, account.currency, lang)}</dd>
            <dt>{t.due}</dt>
            <dd>{formatDate(account.due_date, lang)}</dd>
          </dl>
          {account.apr && <p className="muted">{t.apr(account.apr)}</p>}
          {account.payable && (
            <button className="button primary" onClick={pay} disabled={payment === "starting"} data-testid="pay-invoice">
              {t.payInvoice}
            </button>
          )}
          <h2>{t.transactions}</h2>
          <ul className="transactions" data-testid="transactions">
            {account.transactions.map((transaction, index) => (
              <li key={index}>
                <span className="muted">{formatDate(transaction.date, lang)}</span>
                <span>
                  {transaction.type}
                  {transaction.description && transaction.description !== transaction.type ? ` · ${transaction.description}` : ""}
                </span>
                <span>{formatMoney(transaction.amount, account.currency, lang)}</span>
              </li>
            ))}
          </ul>
          {account.live_invoice_url && (
            <a href={account.live_invoice_url} target="_blank" rel="noreferrer">
              {t.liveInvoice}
            </a>
          )}
        </article>
      )}
    </section>
  )
}
