import { defineWidgetConfig } from "@medusajs/admin-sdk"
import type { DetailWidgetProps, HttpTypes } from "@medusajs/framework/types"
import { Alert, Badge, Button, Container, Copy, Heading, StatusBadge, Text, toast } from "@medusajs/ui"
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import type { ReactNode } from "react"
import { errorMessage, formatDateTime, formatMoney } from "../lib/avarda-avirato-format"
import type {
  PanelCancellationFollowUp as CancellationFollowUp,
  PanelCaptureAttention as CaptureAttention,
  PanelUnconfirmedCall as UnconfirmedCall,
  PaymentPanelView as PanelPayment,
} from "../../api/admin-payment-panel/payment-panel-view"
import { sdk } from "../lib/avarda-avirato-sdk"

interface ResolveAnswer {
  already_resolved: boolean
  capture: { ok: boolean; error?: string } | null
}

const ATTENTION_TITLES: Record<CaptureAttention["kind"], string> = {
  shipment_exceeds_remaining: "Shipment not captured: more than is left to capture",
  gift_cards_cover_shipment: "Shipment not captured: covered by gift cards",
  capture_plan_exhausted: "Capture stopped after repeated failures",
}

const HISTORY_LABELS: Record<string, string> = {
  authorized: "Authorized",
  captured: "Captured",
  refunded: "Refunded",
  extended: "Extended",
  canceled: "Canceled",
  attention_resolved: "Capture attention resolved",
  failed_at_vendor: "Failed at Avirato",
}

const Row = ({ label, children }: { label: string; children: ReactNode }) => (
  <div className="grid grid-cols-2 items-center gap-x-2 px-6 py-2">
    <Text size="small" weight="plus" className="text-ui-fg-subtle">{label}</Text>
    <div className="txt-compact-small text-ui-fg-base flex items-center justify-end gap-x-1 text-right">{children}</div>
  </div>
)

const AttentionCard = ({ orderId, attention, currency }: { orderId: string; attention: CaptureAttention; currency: string }) => {
  const queryClient = useQueryClient()
  const resolve = useMutation({
    mutationFn: () => sdk.client.fetch<ResolveAnswer>(attention.action.path, { method: "POST", body: {} }),
    onSuccess: (answer) => {
      if (answer.capture && !answer.capture.ok) {
        toast.warning("The capture did not go through yet", { description: `${answer.capture.error ?? ""} It stays planned; the reconciliation job retries it.` })
      } else {
        toast.success(answer.already_resolved ? "Already resolved" : "Resolved")
      }
      return queryClient.invalidateQueries({ queryKey: ["avarda-avirato", "order-payments", orderId] })
    },
    onError: (error) => toast.error(`Could not ${attention.action.label.toLowerCase()}`, { description: errorMessage(error) }),
  })
  return (
    <div className="px-6 py-3" data-testid={`capture-attention-${attention.id}`}>
      <Alert variant="warning">
        <div className="flex flex-col gap-y-2">
          <Text size="small" weight="plus">{ATTENTION_TITLES[attention.kind]}</Text>
          <Text size="small">{attention.reason}</Text>
          <Text size="small" className="text-ui-fg-subtle">
            {attention.kind === "gift_cards_cover_shipment"
              ? `Shipment ${formatMoney(attention.expected_amount, currency)} · gift cards ${formatMoney(attention.gift_cards_amount ?? 0, currency)}`
              : `Expected ${formatMoney(attention.expected_amount, currency)} · left to capture ${formatMoney(attention.left_amount, currency)}`}
            {` · ${formatDateTime(attention.created_at)}`}
          </Text>
          <div className="flex justify-end">
            {/* Disabled while it runs; the server does nothing twice for a case already resolved. */}
            <Button size="small" variant="secondary" isLoading={resolve.isPending} disabled={resolve.isPending} onClick={() => resolve.mutate()}>
              {attention.action.label}
            </Button>
          </div>
        </div>
      </Alert>
    </div>
  )
}

const PaymentCard = ({ orderId, payment }: { orderId: string; payment: PanelPayment }) => {
  const queryClient = useQueryClient()
  const extend = useMutation({
    // The key names the extension this page offers: a double click, or two admins on the same
    // state, extend once.
    mutationFn: () =>
      sdk.client.fetch(payment.extend_path!, { method: "POST", body: {}, headers: payment.extend_key ? { "Idempotency-Key": payment.extend_key } : {} }),
    onSuccess: () => {
      toast.success("Extension requested", { description: "Avirato confirms it by webhook; the history updates then." })
      return queryClient.invalidateQueries({ queryKey: ["avarda-avirato", "order-payments", orderId] })
    },
    onError: (error) => toast.error("Could not extend the pre-authorisation", { description: errorMessage(error) }),
  })
  const currency = payment.currency_code
  return (
    <div className="divide-y" data-testid={`payment-panel-${payment.id}`}>
      <div className="flex items-center justify-between px-6 py-3">
        <div className="flex items-center gap-x-2">
          <Badge size="2xsmall">{payment.vendor}</Badge>
          <Text size="small" weight="plus">{payment.method}</Text>
        </div>
        {/* Medusa's status of the payment, as Medusa's own order page says it. */}
        <StatusBadge color={payment.status.tone} data-testid="payment-panel-status">
          {payment.status.label}
        </StatusBadge>
      </div>
      {payment.capture_attention.map((attention) => (
        <AttentionCard key={attention.id} orderId={orderId} attention={attention} currency={currency} />
      ))}
      {payment.after_cancellation.map((followUp) => (
        <FollowUpAlert key={followUp.kind} orderId={orderId} followUp={followUp} />
      ))}
      {payment.unconfirmed_calls.map((call, index) => (
        <UnconfirmedCallAlert key={index} call={call} currency={currency} />
      ))}
      {payment.decision && (
        <Row label={payment.vendor === "Avarda" ? "Avarda decision" : "Avirato status"}>
          <span data-testid="payment-panel-vendor-status">
            {payment.decision.label}
            {payment.decision.detail ? <span className="text-ui-fg-subtle"> · {payment.decision.detail}</span> : null}
          </span>
        </Row>
      )}
      {payment.references.map((reference) => (
        <Row key={reference.label} label={reference.label}>
          <span className="truncate" title={reference.value}>{reference.value}</span>
          <Copy content={reference.value} variant="mini" />
        </Row>
      ))}
      <Row label="Authorized">{formatMoney(payment.authorized_amount, currency)}</Row>
      <Row label="Captured">{formatMoney(payment.captured_amount, currency)}</Row>
      <Row label="Refunded">{formatMoney(payment.refunded_amount, currency)}</Row>
      {payment.expires_at && (
        <Row label="Authorization expires">
          <span data-testid="payment-panel-expires-at">{formatDateTime(payment.expires_at)}</span>
        </Row>
      )}
      {payment.expiry_warning && (
        <div className="px-6 py-3">
          <Alert variant={payment.expiry_state === "expired" ? "error" : "warning"} data-testid="payment-panel-expiry-warning">
            {payment.expiry_warning}
          </Alert>
        </div>
      )}
      <div className="px-6 py-3">
        <Text size="small" weight="plus" className="text-ui-fg-subtle mb-2">History</Text>
        <ol className="flex flex-col gap-y-1">
          {payment.history.map((entry, index) => (
            <li key={index} className="txt-compact-small flex justify-between gap-x-2">
              <span>
                {HISTORY_LABELS[entry.kind] ?? entry.kind}
                {entry.note ? <span className="text-ui-fg-subtle"> · {entry.note}</span> : null}
              </span>
              <span className="text-ui-fg-subtle">
                {entry.amount !== null ? `${formatMoney(entry.amount, currency)} · ` : ""}
                {formatDateTime(entry.at)}
              </span>
            </li>
          ))}
        </ol>
      </div>
      {payment.can_extend && payment.extend_path && (
        <div className="flex justify-end px-6 py-3">
          <Button size="small" variant="secondary" isLoading={extend.isPending} onClick={() => extend.mutate()}>
            Extend pre-authorisation
          </Button>
        </div>
      )}
    </div>
  )
}

const FollowUpAlert = ({ orderId, followUp }: { orderId: string; followUp: CancellationFollowUp }) => {
  const queryClient = useQueryClient()
  const act = useMutation({
    mutationFn: () => sdk.client.fetch<{ outcome: "released" | "not_confirmed" | "refused"; reason?: string | null }>(followUp.action!.path, { method: "POST", body: {} }),
    onSuccess: (answer) => {
      if (answer.outcome === "refused") toast.error("Avarda refused it again", { description: answer.reason ?? undefined })
      else if (answer.outcome === "not_confirmed") toast.warning("Sent to Avarda, no answer yet", { description: "The reconciliation job sends it again until Avarda answers." })
      else toast.success("Avarda released the rest")
      return queryClient.invalidateQueries({ queryKey: ["avarda-avirato", "order-payments", orderId] })
    },
    onError: (error) => toast.error(`Could not ${followUp.action!.label.toLowerCase()}`, { description: errorMessage(error) }),
  })
  const facts = [
    followUp.attempts !== null ? `${followUp.attempts} failed ${followUp.attempts === 1 ? "attempt" : "attempts"} since ${formatDateTime(followUp.since)}` : followUp.since ? `since ${formatDateTime(followUp.since)}` : null,
    followUp.next_attempt_at ? `next attempt from ${formatDateTime(followUp.next_attempt_at)}` : null,
    followUp.last_error ? `last error: ${followUp.last_error}` : null,
  ].filter(Boolean)
  return (
    <div className="px-6 py-3">
      <Alert variant={followUp.severity} data-testid={`payment-panel-${followUp.kind}`}>
        <Text size="small" weight="plus">{followUp.title}</Text>
        <Text size="small">{followUp.detail}</Text>
        {facts.length > 0 && <Text size="small" className="text-ui-fg-subtle">{facts.join(" · ")}</Text>}
        {followUp.action && (
          <div className="flex justify-end">
            <Button size="small" variant="secondary" isLoading={act.isPending} disabled={act.isPending} onClick={() => act.mutate()}>
              {followUp.action.label}
            </Button>
          </div>
        )}
      </Alert>
    </div>
  )
}

const UnconfirmedCallAlert = ({ call, currency }: { call: UnconfirmedCall; currency: string }) => {
  const facts = [
    call.amount !== null ? formatMoney(call.amount, currency) : null,
    `${call.attempts} ${call.attempts === 1 ? "attempt" : "attempts"} since ${formatDateTime(call.since)}`,
    call.last_error ? `last error: ${call.last_error}` : null,
  ].filter(Boolean)
  return (
    <div className="px-6 py-3">
      <Alert variant={call.refused ? "error" : "warning"} data-testid="payment-panel-unconfirmed-call">
        <Text size="small" weight="plus">{call.title}</Text>
        <Text size="small">{call.detail}</Text>
        <Text size="small" className="text-ui-fg-subtle">{facts.join(" · ")}</Text>
      </Alert>
    </div>
  )
}

const OrderPaymentPanelWidget = ({ data: order }: DetailWidgetProps<HttpTypes.AdminOrder>) => {
  const { data, isLoading, isError, error } = useQuery({
    queryKey: ["avarda-avirato", "order-payments", order.id],
    queryFn: () => sdk.client.fetch<{ payments: PanelPayment[] }>(`/admin/avarda-avirato/orders/${order.id}/payments`),
  })
  // Orders paid with other providers show nothing.
  if (data && data.payments.length === 0) return null
  return (
    <Container className="divide-y p-0" data-testid="order-payment-panel">
      <div className="px-6 py-4">
        <Heading level="h2">Avarda / Avirato payment</Heading>
      </div>
      {isLoading && (
        <div className="px-6 py-4">
          <Text size="small" className="text-ui-fg-subtle">Loading payment details…</Text>
        </div>
      )}
      {isError && (
        <div className="px-6 py-4">
          <Alert variant="error">{errorMessage(error)}</Alert>
        </div>
      )}
      {data?.payments.map((payment) => <PaymentCard key={payment.id} orderId={order.id} payment={payment} />)}
    </Container>
  )
}

export const config = defineWidgetConfig({
  zone: "order.details.side.after",
})

export default OrderPaymentPanelWidget
