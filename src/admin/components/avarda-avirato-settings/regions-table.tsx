// Which regions offer which of the plugin's methods, each linking to its region page.
import { Badge, Container, Heading, Table, Text } from "@medusajs/ui"
import { Link } from "react-router-dom"
import type { RegionOfferingMethods } from "./types"

export const RegionsTable = ({ regions }: { regions: RegionOfferingMethods[] }) => (
  <Container className="divide-y p-0">
    <div className="px-6 py-4">
      <Heading level="h2">Regions and payment methods</Heading>
      <Text size="small" className="text-ui-fg-subtle">
        Methods are enabled per region on the region's page (Settings → Regions → Payment providers).
      </Text>
    </div>
    <Table>
      <Table.Header>
        <Table.Row>
          <Table.HeaderCell>Region</Table.HeaderCell>
          <Table.HeaderCell>Currency</Table.HeaderCell>
          <Table.HeaderCell>Countries</Table.HeaderCell>
          <Table.HeaderCell>Methods of this plugin</Table.HeaderCell>
        </Table.Row>
      </Table.Header>
      <Table.Body>
        {regions.map((region) => (
          <Table.Row key={region.id}>
            <Table.Cell>
              <Link to={`/settings/regions/${region.id}`} className="text-ui-fg-interactive hover:text-ui-fg-interactive-hover">
                {region.name}
              </Link>
            </Table.Cell>
            <Table.Cell>{region.currency_code.toUpperCase()}</Table.Cell>
            <Table.Cell>{region.countries.map((c) => c.toUpperCase()).join(", ")}</Table.Cell>
            <Table.Cell>
              <div className="flex flex-wrap gap-1 py-2">
                {region.methods.length === 0 ? (
                  <Text size="small" className="text-ui-fg-muted">None</Text>
                ) : (
                  region.methods.map((m) => (
                    <Badge key={m.providerId} size="2xsmall">{m.label}</Badge>
                  ))
                )}
              </div>
            </Table.Cell>
          </Table.Row>
        ))}
      </Table.Body>
    </Table>
    {regions.length === 0 && (
      <div className="px-6 py-4">
        <Text size="small" className="text-ui-fg-subtle">No regions yet.</Text>
      </div>
    )}
  </Container>
)
