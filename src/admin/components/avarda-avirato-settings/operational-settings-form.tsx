// The settings a store owner changes without a deploy. Validated here with the server's own schema,
// validated again by the server, and effective for the next checkout without a restart.
import { Button, Container, Heading, Text, toast } from "@medusajs/ui"
import { useEffect, useMemo, useState } from "react"
import { EXPIRY_WARNING_DAY_CHOICES, parseOperationalSettings, type SettingsProblem } from "../../../lib/plugin-settings/operational-settings"
import { errorMessage } from "../../lib/avarda-avirato-format"
import { ChoiceSelect, SettingField, TermsPicker } from "./setting-controls"
import type { OperationalSettings, PluginSettingsResponse, VendorConfiguration } from "./types"
import { useSaveOperationalSettings } from "./use-plugin-settings"

const CREDIT_CAPTURE = [
  { value: "on_shipment" as const, label: "Capture on shipment" },
  { value: "manual" as const, label: "Capture manually (admin)" },
]
const CARD_CAPTURE = [
  { value: "auto" as const, label: "Auto-capture at payment" },
  { value: "preauth" as const, label: "Pre-authorise, capture later" },
]
const YES_NO = [
  { value: "yes" as const, label: "Yes" },
  { value: "no" as const, label: "No" },
]

const WARNING_DAYS = EXPIRY_WARNING_DAY_CHOICES.map((days) => ({ value: String(days), label: days === 1 ? "1 day before" : `${days} days before` }))

/** Days before an authorization lapses from which the order panel and a notification warn the admin. */
const WarningDaysSelect = ({ value, onChange, configured }: { value: number | undefined; onChange: (days: number | undefined) => void; configured: unknown }) => (
  <ChoiceSelect
    value={value === undefined ? undefined : String(value)}
    onChange={(v) => onChange(v === undefined ? undefined : Number(v))}
    choices={WARNING_DAYS}
    configured={configured === undefined ? undefined : String(configured)}
  />
)

function defaultsOf(vendors: VendorConfiguration[], vendor: VendorConfiguration["vendor"]): Record<string, unknown> {
  return vendors.find((v) => v.vendor === vendor)?.configuredDefaults ?? {}
}

export const OperationalSettingsForm = ({ data }: { data: PluginSettingsResponse }) => {
  const [draft, setDraft] = useState<OperationalSettings>(data.settings)
  const [problems, setProblems] = useState<SettingsProblem[]>([])
  const save = useSaveOperationalSettings()
  useEffect(() => setDraft(data.settings), [data.settings])
  const dirty = useMemo(() => JSON.stringify(draft) !== JSON.stringify(data.settings), [draft, data.settings])
  const avarda = defaultsOf(data.vendors, "avarda")
  const standalone = defaultsOf(data.vendors, "avarda-standalone")
  const avirato = defaultsOf(data.vendors, "avirato")
  const errorOf = (field: string) => problems.find((p) => p.field === field || p.field.startsWith(`${field}.`))?.message

  function set<V extends keyof OperationalSettings>(vendor: V, field: keyof OperationalSettings[V], value: unknown) {
    setDraft((current) => {
      const section = Object.fromEntries(
        Object.entries({ ...current[vendor], [field]: value }).filter(([, v]) => v !== undefined)
      )
      return { ...current, [vendor]: section }
    })
  }

  function submit() {
    const parsed = parseOperationalSettings(draft)
    if (!parsed.success) {
      setProblems(parsed.problems)
      return
    }
    setProblems([])
    save.mutate(parsed.settings, {
      onSuccess: () => toast.success("Settings saved", { description: "They apply to the next checkout; no restart needed." }),
      onError: (error) => toast.error("Settings not saved", { description: errorMessage(error) }),
    })
  }

  return (
    <Container className="divide-y p-0">
      <div className="flex items-center justify-between px-6 py-4">
        <div>
          <Heading level="h2">Operational settings</Heading>
          <Text size="small" className="text-ui-fg-subtle">
            Stored in the database and used from the next checkout on. "From configuration" uses medusa-config.ts.
          </Text>
        </div>
        <div className="flex gap-x-2">
          <Button size="small" variant="secondary" disabled={!dirty || save.isPending} onClick={() => { setDraft(data.settings); setProblems([]) }}>
            Discard
          </Button>
          <Button size="small" disabled={!dirty} isLoading={save.isPending} onClick={submit}>
            Save
          </Button>
        </div>
      </div>

      <div className="px-6 py-3"><Text size="small" weight="plus">Avarda (invoice, part payment, loan, direct invoice)</Text></div>
      <SettingField label="Capture" hint="When Avarda invoices the customer" error={errorOf("avarda.captureMode")}>
        <ChoiceSelect value={draft.avarda.captureMode} onChange={(v) => set("avarda", "captureMode", v)} choices={CREDIT_CAPTURE} configured={avarda.captureMode} />
      </SettingField>
      <SettingField label="Part-payment terms offered" error={errorOf("avarda.partPaymentTerms")}>
        <TermsPicker id="part-payment-terms" value={draft.avarda.partPaymentTerms} onChange={(v) => set("avarda", "partPaymentTerms", v)} terms={data.choices.avardaPaymentTerms} configured={avarda.partPaymentTerms} />
      </SettingField>
      <SettingField label="Loan terms offered" error={errorOf("avarda.loanTerms")}>
        <TermsPicker id="loan-terms" value={draft.avarda.loanTerms} onChange={(v) => set("avarda", "loanTerms", v)} terms={data.choices.avardaPaymentTerms} configured={avarda.loanTerms} />
      </SettingField>
      <SettingField label="Warn before an authorization lapses" hint="Order panel and admin notification" error={errorOf("avarda.expiryWarningDays")}>
        <WarningDaysSelect value={draft.avarda.expiryWarningDays} onChange={(v) => set("avarda", "expiryWarningDays", v)} configured={avarda.expiryWarningDays} />
      </SettingField>

      <div className="px-6 py-3"><Text size="small" weight="plus">Avarda Standalone Credit</Text></div>
      <SettingField label="Capture" error={errorOf("avardaStandalone.captureMode")}>
        <ChoiceSelect value={draft.avardaStandalone.captureMode} onChange={(v) => set("avardaStandalone", "captureMode", v)} choices={CREDIT_CAPTURE} configured={standalone.captureMode} />
      </SettingField>
      <SettingField label="Part-payment terms offered" error={errorOf("avardaStandalone.partPaymentTerms")}>
        <TermsPicker id="standalone-part-payment-terms" value={draft.avardaStandalone.partPaymentTerms} onChange={(v) => set("avardaStandalone", "partPaymentTerms", v)} terms={data.choices.avardaPaymentTerms} configured={standalone.partPaymentTerms} />
      </SettingField>
      <SettingField label="Loan terms offered" error={errorOf("avardaStandalone.loanTerms")}>
        <TermsPicker id="standalone-loan-terms" value={draft.avardaStandalone.loanTerms} onChange={(v) => set("avardaStandalone", "loanTerms", v)} terms={data.choices.avardaPaymentTerms} configured={standalone.loanTerms} />
      </SettingField>
      <SettingField label="Warn before an authorization lapses" hint="Order panel and admin notification" error={errorOf("avardaStandalone.expiryWarningDays")}>
        <WarningDaysSelect value={draft.avardaStandalone.expiryWarningDays} onChange={(v) => set("avardaStandalone", "expiryWarningDays", v)} configured={standalone.expiryWarningDays} />
      </SettingField>

      <div className="px-6 py-3"><Text size="small" weight="plus">Avirato cards</Text></div>
      <SettingField label="Capture mode" error={errorOf("avirato.captureMode")}>
        <ChoiceSelect value={draft.avirato.captureMode} onChange={(v) => set("avirato", "captureMode", v)} choices={CARD_CAPTURE} configured={avirato.captureMode} />
      </SettingField>
      <SettingField label="Capture pre-authorisations on shipment" hint="Only for pre-authorised payments" error={errorOf("avirato.captureOnShipment")}>
        <ChoiceSelect
          value={draft.avirato.captureOnShipment === undefined ? undefined : draft.avirato.captureOnShipment ? "yes" : "no"}
          onChange={(v) => set("avirato", "captureOnShipment", v === undefined ? undefined : v === "yes")}
          choices={YES_NO}
          configured={avirato.captureOnShipment === undefined ? undefined : avirato.captureOnShipment ? "yes" : "no"}
        />
      </SettingField>
      <SettingField label="Default refund reason" hint="Sent to Avirato when a refund has no reason" error={errorOf("avirato.defaultRefundReason")}>
        <ChoiceSelect
          value={draft.avirato.defaultRefundReason}
          onChange={(v) => set("avirato", "defaultRefundReason", v)}
          choices={data.choices.aviratoRefundReasons.map((reason) => ({ value: reason as NonNullable<OperationalSettings["avirato"]["defaultRefundReason"]>, label: reason }))}
          configured={avirato.defaultRefundReason}
        />
      </SettingField>
      <SettingField label="Warn before an authorization lapses" hint="Order panel and admin notification" error={errorOf("avirato.expiryWarningDays")}>
        <WarningDaysSelect value={draft.avirato.expiryWarningDays} onChange={(v) => set("avirato", "expiryWarningDays", v)} configured={avirato.expiryWarningDays} />
      </SettingField>
      {problems.length > 0 && (
        <div className="px-6 py-4">
          <Text size="small" className="text-ui-fg-error">Fix the fields marked above before saving.</Text>
        </div>
      )}
    </Container>
  )
}
