// One vendor: environment, endpoint, providers, webhook URL and "Check connection".
import { Alert, Button, Container, Copy, Heading, StatusBadge, Text } from "@medusajs/ui"
import { errorMessage } from "../../lib/avarda-avirato-format"
import type { VendorConfiguration } from "./types"
import { useConnectionCheck } from "./use-plugin-settings"

const ENVIRONMENT_BADGES = {
  sandbox: { color: "blue", label: "Sandbox (local simulator)" },
  test: { color: "orange", label: "Test" },
  live: { color: "green", label: "Live" },
  custom: { color: "purple", label: "Custom URL" },
} as const

const Row = ({ label, children }: { label: string; children: React.ReactNode }) => (
  <div className="grid grid-cols-[180px_1fr] items-start gap-x-4 px-6 py-3">
    <Text size="small" weight="plus" leading="compact">{label}</Text>
    <div className="text-ui-fg-subtle min-w-0 break-all">{children}</div>
  </div>
)

export const VendorCard = ({ vendor }: { vendor: VendorConfiguration }) => {
  const check = useConnectionCheck()
  const badge = vendor.environment ? ENVIRONMENT_BADGES[vendor.environment] : undefined
  return (
    <Container className="divide-y p-0">
      <div className="flex items-center justify-between px-6 py-4">
        <div className="flex items-center gap-x-3">
          <Heading level="h2">{vendor.name}</Heading>
          {vendor.configured && badge ? (
            <StatusBadge color={badge.color}>{badge.label}</StatusBadge>
          ) : (
            <StatusBadge color="grey">Not configured</StatusBadge>
          )}
        </div>
        <Button size="small" variant="secondary" disabled={!vendor.configured} isLoading={check.isPending} onClick={() => check.mutate(vendor.vendor)}>
          Check connection
        </Button>
      </div>
      {!vendor.configured ? (
        <div className="px-6 py-4">
          <Text size="small" className="text-ui-fg-subtle">
            Add this vendor's provider to the Payment Module in medusa-config.ts (see the plugin's README) and restart the server.
          </Text>
        </div>
      ) : (
        <>
          {vendor.baseUrl && (
            <Row label="Endpoint">
              <Text size="small" className="font-mono">{vendor.baseUrl}</Text>
            </Row>
          )}
          <Row label="Payment providers">
            <div className="flex flex-col gap-y-1">
              {vendor.providerIds.map((id) => (
                <Text key={id} size="small" className="font-mono">
                  {id} {vendor.loadedProviderIds.includes(id) ? "" : "(not loaded)"}
                </Text>
              ))}
            </div>
          </Row>
          {vendor.webhookUrl && (
            <Row label="Webhook URL">
              <div className="flex items-center gap-x-2">
                <Text size="small" className="font-mono">{vendor.webhookUrl}</Text>
                <Copy content={vendor.webhookUrl} />
              </div>
              <Text size="xsmall" className="text-ui-fg-muted mt-1">Register this URL in Avirato's back office so payment results reach the store.</Text>
            </Row>
          )}
          <Row label="Credentials">
            <Text size="small">Read from the server's environment; never shown or edited here.</Text>
          </Row>
        </>
      )}
      {check.isError && (
        <div className="px-6 py-4">
          <Alert variant="error">{errorMessage(check.error)}</Alert>
        </div>
      )}
      {check.data && (
        <div className="px-6 py-4">
          <Alert variant={check.data.ok ? "success" : "error"}>
            {check.data.ok ? "Connected. " : "Connection failed. "}
            {check.data.message} ({check.data.durationMs} ms)
          </Alert>
        </div>
      )}
    </Container>
  )
}
