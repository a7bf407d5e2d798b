import { defineWidgetConfig } from "@medusajs/admin-sdk"
import type { DetailWidgetProps, HttpTypes } from "@medusajs/framework/types"
import { Alert, Button, Container, Heading, StatusBadge, Text } from "@medusajs/ui"
import { useQuery } from "@tanstack/react-query"
import { useState } from "react"
import { errorMessage, formatDate, formatMoney } from "../lib/avarda-avirato-format"
import { sdk } from "../lib/avarda-avirato-sdk"

type Tone = "green" | "red" | "blue" | "orange" | "grey" | "purple"

interface AvardaAccount {
  id: string
  /** "own_purchases": the customer has not proven to be the account holder (amounts, state and dates are null). */
  access: "full" | "own_purchases"
  kind: "invoice" | "account"
  type: string
  type_label: string
  state: string | null
  state_label: string | null
  state_tone: Tone | null
  currency: string
  balance: number | null
  original_amount: number | null
  minimum_amount_to_pay: number | null
  date: string | null
  due_date: string | null
  live_invoice_url: string | null
}

interface AvardaAccountDetail extends AvardaAccount {
  transactions: Array<{
    date: string | null
    type: string | null
    description: string | null
    amount: number
    order_reference: string | null
  }>
  apr: { months: number | null; per_month: number | null; percent: number | null; interest_rate: number | null; total_amount: number | null } | null
}

interface StrongAuthentication {
  required: boolean
  message: string | null
}

interface Identity {
  verified: boolean
  method: "electronic_id" | "strong_authentication" | null
  expires_at: string | null
  can_verify: boolean
}

interface AccountsResponse {
  accounts: AvardaAccount[]
  count: number
  identity: Identity
  strong_authentication: StrongAuthentication
}

interface AccountResponse {
  account?: AvardaAccountDetail
  strong_authentication?: StrongAuthentication
}

/**
 * Layout: the widget sits in the customer page's main column (about 550–700 px wide between 1280
 * and 1440 px windows), so accounts and transactions are grids whose text columns shrink and wrap
 * instead of a wide table; nothing scrolls sideways and expanded rows keep the card's padding.
 */
const ACCOUNT_GRID = "grid grid-cols-[minmax(0,1.4fr)_minmax(0,1fr)_minmax(0,1.2fr)] items-start gap-x-4"
const TRANSACTION_GRID = "grid grid-cols-[auto_minmax(0,1fr)_auto] items-start gap-x-3"

const Transactions = ({ customerId, account }: { customerId: string; account: AvardaAccount }) => {
  const { data, isLoading, isError, error } = useQuery({
    queryKey: ["avarda-my-pages", "customer", customerId, "account", account.id],
    queryFn: () => sdk.client.fetch<AccountResponse>(`/admin/avarda/customers/${customerId}/accounts/${account.id}`),
  })
  if (isLoading) return <Text size="small" className="text-ui-fg-subtle">Loading transactions…</Text>
  if (isError) return <Alert variant="error">{errorMessage(error)}</Alert>
  if (!data?.account) return <Alert variant="info">{data?.strong_authentication?.message ?? "Avarda did not return the details."}</Alert>
  const detail = data.account
  return (
    <div className="flex flex-col gap-y-2" data-testid={`avarda-transactions-${account.id}`}>
      {detail.transactions.length === 0 ? (
        <Text size="small" className="text-ui-fg-subtle">No transactions.</Text>
      ) : (
        <ol className="divide-ui-border-base flex flex-col divide-y">
          {detail.transactions.map((transaction, index) => (
            <li key={index} className={`${TRANSACTION_GRID} txt-compact-small py-2`}>
              <span className="text-ui-fg-subtle whitespace-nowrap">{formatDate(transaction.date)}</span>
              <span className="min-w-0 break-words">
                <span className="text-ui-fg-base">{transaction.type ?? "–"}</span>
                {transaction.description ? <span> · {transaction.description}</span> : null}
                {transaction.order_reference ? <span className="text-ui-fg-subtle"> · order {transaction.order_reference}</span> : null}
              </span>
              <span className="text-ui-fg-base whitespace-nowrap text-right">{formatMoney(transaction.amount, detail.currency)}</span>
            </li>
          ))}
        </ol>
      )}
      {detail.apr && (
        <Text size="small" className="text-ui-fg-subtle">
          {detail.apr.months} months · {formatMoney(detail.apr.per_month, detail.currency)} per month · interest {detail.apr.interest_rate} % · APR{" "}
          {detail.apr.percent} % · total {formatMoney(detail.apr.total_amount, detail.currency)}
        </Text>
      )}
    </div>
  )
}

const AccountRow = ({ customerId, account, expanded, onToggle }: { customerId: string; account: AvardaAccount; expanded: boolean; onToggle: () => void }) => (
  <li>
    <div className={`${ACCOUNT_GRID} px-6 py-3`} data-testid={`avarda-account-${account.id}`}>
      <div className="flex min-w-0 flex-col">
        <Text size="small" weight="plus" className="text-ui-fg-base">{account.type_label}</Text>
        <Text size="xsmall" className="text-ui-fg-subtle break-all">
          {account.id} · {formatDate(account.date)}
        </Text>
      </div>
      <div className="flex min-w-0 flex-col items-start gap-y-1">
        {account.state_label ? (
          <StatusBadge color={account.state_tone ?? "grey"}>{account.state_label}</StatusBadge>
        ) : (
          <Text size="xsmall" className="text-ui-fg-subtle">Own purchase only</Text>
        )}
        <Text size="xsmall" className="text-ui-fg-subtle">Due {formatDate(account.due_date)}</Text>
      </div>
      <div className="flex min-w-0 flex-col items-end text-right">
        {account.balance !== null && (
          <Text size="small" weight="plus" className="text-ui-fg-base whitespace-nowrap">{formatMoney(account.balance, account.currency)}</Text>
        )}
        {account.original_amount !== null && (
          <Text size="xsmall" className="text-ui-fg-subtle whitespace-nowrap">of {formatMoney(account.original_amount, account.currency)}</Text>
        )}
        {account.minimum_amount_to_pay !== null && (
          <Text size="xsmall" className="text-ui-fg-subtle whitespace-nowrap">min. {formatMoney(account.minimum_amount_to_pay, account.currency)}</Text>
        )}
        <div className="mt-1 flex flex-wrap items-center justify-end gap-x-2">
          {account.live_invoice_url && (
            <a href={account.live_invoice_url} target="_blank" rel="noreferrer" className="text-ui-fg-interactive txt-compact-small whitespace-nowrap">
              Live invoice
            </a>
          )}
          <Button size="small" variant="transparent" aria-expanded={expanded} onClick={onToggle}>
            {expanded ? "Hide" : "Transactions"}
          </Button>
        </div>
      </div>
    </div>
    {expanded && (
      <div className="bg-ui-bg-subtle border-ui-border-base border-t px-6 py-4" data-testid={`avarda-account-details-${account.id}`}>
        <Transactions customerId={customerId} account={account} />
      </div>
    )}
  </li>
)

const AvardaCustomerInvoicesWidget = ({ data: customer }: DetailWidgetProps<HttpTypes.AdminCustomer>) => {
  const [expanded, setExpanded] = useState<string | null>(null)
  const { data, isLoading, isError, error, refetch } = useQuery({
    queryKey: ["avarda-my-pages", "customer", customer.id],
    queryFn: () => sdk.client.fetch<AccountsResponse>(`/admin/avarda/customers/${customer.id}/accounts`),
  })

  return (
    <Container className="divide-y overflow-hidden p-0" data-testid="avarda-customer-invoices">
      <div className="flex items-start justify-between gap-x-4 px-6 py-4">
        <div className="min-w-0">
          <Heading level="h2">Avarda invoices and accounts</Heading>
          <Text size="small" className="text-ui-fg-subtle">
            What this customer sees in the store's My Pages, straight from Avarda.
          </Text>
        </div>
        {isError && (
          <Button size="small" variant="secondary" onClick={() => refetch()}>
            Try again
          </Button>
        )}
      </div>
      {isLoading && (
        <div className="px-6 py-4" data-testid="avarda-customer-invoices-loading">
          <Text size="small" className="text-ui-fg-subtle">Loading from Avarda…</Text>
        </div>
      )}
      {isError && (
        <div className="px-6 py-4">
          <Alert variant="error" data-testid="avarda-customer-invoices-error">{errorMessage(error)}</Alert>
        </div>
      )}
      {data && !data.identity.verified && data.identity.can_verify && (
        <div className="px-6 py-4">
          <Alert variant="info" data-testid="avarda-identity-not-proven">
            <Text size="small" weight="plus">Identity not proven</Text>
            <Text size="small">
              This customer has not proven to be the Avarda account holder (electronic ID during their own purchase, or strong
              authentication in the store's My Pages), so only their own purchases are shown — as the customer sees them.
            </Text>
          </Alert>
        </div>
      )}
      {data?.strong_authentication.required && (
        <div className="px-6 py-4">
          <Alert variant="info" data-testid="avarda-strong-authentication">
            <Text size="small" weight="plus">Loans need the customer's strong authentication</Text>
            <Text size="small">{data.strong_authentication.message}</Text>
          </Alert>
        </div>
      )}
      {data && data.accounts.length === 0 && (
        <div className="px-6 py-4">
          <Text size="small" className="text-ui-fg-subtle" data-testid="avarda-customer-invoices-empty">
            No Avarda invoices or accounts for this customer.
          </Text>
        </div>
      )}
      {data && data.accounts.length > 0 && (
        <div>
          <div className={`${ACCOUNT_GRID} bg-ui-bg-subtle txt-compact-small-plus text-ui-fg-subtle px-6 py-2`} aria-hidden>
            <span>Invoice / account</span>
            <span>State</span>
            <span className="text-right">Balance</span>
          </div>
          <ul className="divide-ui-border-base divide-y">
            {data.accounts.map((account) => (
              <AccountRow
                key={account.id}
                customerId={customer.id}
                account={account}
                expanded={expanded === account.id}
                onToggle={() => setExpanded(expanded === account.id ? null : account.id)}
              />
            ))}
          </ul>
        </div>
      )}
    </Container>
  )
}

export const config = defineWidgetConfig({
  zone: "customer.details.after",
})

export default AvardaCustomerInvoicesWidget
