// Settings → "Avarda & Avirato": per vendor the environment, a connection check and the webhook
// URL; which regions offer which method; and the operational settings a store owner may change.
import { defineRouteConfig } from "@medusajs/admin-sdk"
import { Alert, Container, Heading, Text } from "@medusajs/ui"
import { OperationalSettingsForm } from "../../../components/avarda-avirato-settings/operational-settings-form"
import { RegionsTable } from "../../../components/avarda-avirato-settings/regions-table"
import { usePluginSettings } from "../../../components/avarda-avirato-settings/use-plugin-settings"
import { VendorCard } from "../../../components/avarda-avirato-settings/vendor-card"
import { errorMessage } from "../../../lib/avarda-avirato-format"

const AvardaAviratoSettingsPage = () => {
  const { data, isLoading, isError, error } = usePluginSettings()
  return (
    <div className="flex flex-col gap-y-3">
      <Container className="px-6 py-4">
        <Heading level="h1">Avarda &amp; Avirato</Heading>
        <Text size="small" className="text-ui-fg-subtle">
          Payment methods of the Avarda &amp; Avirato plugin. Credentials stay in the server's environment.
        </Text>
      </Container>
      {isLoading && (
        <Container className="px-6 py-4">
          <Text size="small" className="text-ui-fg-subtle">Loading…</Text>
        </Container>
      )}
      {isError && <Alert variant="error">Could not load the settings: {errorMessage(error)}</Alert>}
      {data && (
        <>
          {data.vendors.map((vendor) => (
            <VendorCard key={vendor.vendor} vendor={vendor} />
          ))}
          <RegionsTable regions={data.regions} />
          <OperationalSettingsForm data={data} />
        </>
      )}
    </div>
  )
}

export const config = defineRouteConfig({ label: "Avarda & Avirato" })

export default AvardaAviratoSettingsPage
