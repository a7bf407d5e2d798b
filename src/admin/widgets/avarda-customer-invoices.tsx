import { defineWidgetConfig } from "@medusajs/admin-sdk"
import type { DetailWidgetProps, HttpTypes } from "@medusajs/framework/types"
import { Alert, Button, Container, Heading, StatusBadge, Table, Text } from "@medusajs/ui"
import { useQuery } from "@tanstack/react-query"
import { Fragment, useState } from "react"
import { errorMessage, formatDate, formatMoney } from "../lib/avarda-avirato-format"
import { sdk } from "../lib/avarda-avirato-sdk"

type Tone = "green" | "red" | "blue" | "orange" | "grey" | "purple"

interface AvardaAccount {
  id: string
  kind: "invoice" | "account"
  type: string
  type_label: string
  state: string
  state_label: string
  state_tone: Tone
  currency: string
  balance: number
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

interface AccountsResponse {
  accounts: AvardaAccount[]
  count: number
  strong_authentication: StrongAuthentication
}

interface AccountResponse {
  account?: AvardaAccountDetail
  strong_authentication?: StrongAuthentication
}

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
    <div className="flex flex-col gap-y-2 overflow-x-auto" data-testid={`avarda-transactions-${account.id}`}>
      {detail.transactions.length === 0 ? (
        <Text size="small" className="text-ui-fg-subtle">No transactions.</Text>
      ) : (
        <Table>
          <Table.Header>
            <Table.Row>
              <Table.HeaderCell>Date</Table.HeaderCell>
              <Table.HeaderCell>Type</Table.HeaderCell>
              <Table.HeaderCell>Description</Table.HeaderCell>
              <Table.HeaderCell>Order</Table.HeaderCell>
              <Table.HeaderCell className="text-right">Amount</Table.HeaderCell>
            </Table.Row>
          </Table.Header>
          <Table.Body>
            {detail.transactions.map((transaction, index) => (
              <Table.Row key={index}>
                <Table.Cell>{formatDate(transaction.date)}</Table.Cell>
                <Table.Cell>{transaction.type ?? "–"}</Table.Cell>
                <Table.Cell>{transaction.description ?? "–"}</Table.Cell>
                <Table.Cell>{transaction.order_reference ?? "–"}</Table.Cell>
                <Table.Cell className="text-right">{formatMoney(transaction.amount, detail.currency)}</Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
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

const AvardaCustomerInvoicesWidget = ({ data: customer }: DetailWidgetProps<HttpTypes.AdminCustomer>) => {
  const [expanded, setExpanded] = useState<string | null>(null)
  const { data, isLoading, isError, error, refetch } = useQuery({
    queryKey: ["avarda-my-pages", "customer", customer.id],
    queryFn: () => sdk.client.fetch<AccountsResponse>(`/admin/avarda/customers/${customer.id}/accounts`),
  })

  return (
    <Container className="divide-y p-0" data-testid="avarda-customer-invoices">
      <div className="flex items-center justify-between px-6 py-4">
        <div>
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
        <div className="px-6 py-4">
          <Text size="small" className="text-ui-fg-subtle">Loading from Avarda…</Text>
        </div>
      )}
      {isError && (
        <div className="px-6 py-4">
          <Alert variant="error" data-testid="avarda-customer-invoices-error">{errorMessage(error)}</Alert>
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
        <div className="overflow-x-auto">
          <Table>
            <Table.Header>
              <Table.Row>
                <Table.HeaderCell>Invoice / account</Table.HeaderCell>
                <Table.HeaderCell>State</Table.HeaderCell>
                <Table.HeaderCell>Due</Table.HeaderCell>
                <Table.HeaderCell className="text-right">Balance</Table.HeaderCell>
                <Table.HeaderCell className="text-right">Minimum to pay</Table.HeaderCell>
                <Table.HeaderCell />
              </Table.Row>
            </Table.Header>
            <Table.Body>
              {data.accounts.map((account) => (
                <Fragment key={account.id}>
                  <Table.Row data-testid={`avarda-account-${account.id}`}>
                    <Table.Cell>
                      <div className="flex flex-col py-1">
                        <span>{account.type_label}</span>
                        <span className="text-ui-fg-subtle txt-compact-xsmall whitespace-nowrap">
                          {account.id} · {formatDate(account.date)}
                        </span>
                      </div>
                    </Table.Cell>
                    <Table.Cell>
                      <StatusBadge color={account.state_tone}>{account.state_label}</StatusBadge>
                    </Table.Cell>
                    <Table.Cell className="whitespace-nowrap">{formatDate(account.due_date)}</Table.Cell>
                    <Table.Cell className="text-right">
                      <div className="flex flex-col py-1">
                        <span className="whitespace-nowrap">{formatMoney(account.balance, account.currency)}</span>
                        {account.original_amount !== null && (
                          <span className="text-ui-fg-subtle txt-compact-xsmall whitespace-nowrap">
                            of {formatMoney(account.original_amount, account.currency)}
                          </span>
                        )}
                      </div>
                    </Table.Cell>
                    <Table.Cell className="text-right whitespace-nowrap">{formatMoney(account.minimum_amount_to_pay, account.currency)}</Table.Cell>
                    <Table.Cell>
                      <div className="flex items-center justify-end gap-x-2">
                        {account.live_invoice_url && (
                          <a href={account.live_invoice_url} target="_blank" rel="noreferrer" className="text-ui-fg-interactive txt-compact-small whitespace-nowrap">
                            Live invoice
                          </a>
                        )}
                        <Button
                          size="small"
                          variant="transparent"
                          aria-expanded={expanded === account.id}
                          onClick={() => setExpanded(expanded === account.id ? null : account.id)}
                        >
                          {expanded === account.id ? "Hide" : "Transactions"}
                        </Button>
                      </div>
                    </Table.Cell>
                  </Table.Row>
                  {expanded === account.id && (
                    <Table.Row>
                      <td colSpan={6} className="bg-ui-bg-subtle px-6 py-4">
                        <Transactions customerId={customer.id} account={account} />
                      </td>
                    </Table.Row>
                  )}
                </Fragment>
              ))}
            </Table.Body>
          </Table>
        </div>
      )}
    </Container>
  )
}

export const config = defineWidgetConfig({
  zone: "customer.details.after",
})

export default AvardaCustomerInvoicesWidget
