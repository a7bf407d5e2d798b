// Form controls where "not set" means "use the value from medusa-config.ts".
import { Checkbox, Label, Select, Text } from "@medusajs/ui"

const FROM_CONFIG = "__from_config__"

export const SettingField = ({ label, hint, error, children }: { label: string; hint?: string; error?: string; children: React.ReactNode }) => (
  <div className="grid grid-cols-1 gap-y-2 px-6 py-4 md:grid-cols-[260px_1fr] md:gap-x-6">
    <div>
      <Label size="small" weight="plus">{label}</Label>
      {hint && <Text size="xsmall" className="text-ui-fg-muted">{hint}</Text>}
    </div>
    <div>
      {children}
      {error && <Text size="xsmall" className="text-ui-fg-error mt-1">{error}</Text>}
    </div>
  </div>
)

export function ChoiceSelect<T extends string>({
  value,
  onChange,
  choices,
  configured,
}: {
  value: T | undefined
  onChange: (value: T | undefined) => void
  choices: Array<{ value: T; label: string }>
  /** The medusa-config value, shown on the "from configuration" choice. */
  configured: unknown
}) {
  const configuredLabel = choices.find((c) => c.value === configured)?.label ?? String(configured ?? "default")
  return (
    <Select size="small" value={value ?? FROM_CONFIG} onValueChange={(v) => onChange(v === FROM_CONFIG ? undefined : (v as T))}>
      <Select.Trigger>
        <Select.Value />
      </Select.Trigger>
      <Select.Content>
        <Select.Item value={FROM_CONFIG}>From configuration ({configuredLabel})</Select.Item>
        {choices.map((choice) => (
          <Select.Item key={choice.value} value={choice.value}>{choice.label}</Select.Item>
        ))}
      </Select.Content>
    </Select>
  )
}

export const TermsPicker = ({
  id,
  value,
  onChange,
  terms,
  configured,
}: {
  id: string
  value: number[] | undefined
  onChange: (value: number[] | undefined) => void
  terms: number[]
  configured: unknown
}) => {
  const fromConfig = value === undefined
  const configuredTerms = Array.isArray(configured) ? (configured as number[]) : []
  return (
    <div className="flex flex-col gap-y-3">
      <div className="flex items-center gap-x-2">
        <Checkbox
          id={`${id}-from-config`}
          checked={fromConfig}
          onCheckedChange={(checked) => onChange(checked === true ? undefined : [...configuredTerms])}
        />
        <Label htmlFor={`${id}-from-config`} size="small">
          From configuration ({configuredTerms.length ? `${configuredTerms.join(", ")} months` : "none"})
        </Label>
      </div>
      {!fromConfig && (
        <div className="flex flex-wrap gap-x-4 gap-y-2">
          {terms.map((term) => (
            <div key={term} className="flex items-center gap-x-2">
              <Checkbox
                id={`${id}-${term}`}
                checked={value.includes(term)}
                onCheckedChange={(checked) =>
                  onChange(checked === true ? [...value, term].sort((a, b) => a - b) : value.filter((t) => t !== term))
                }
              />
              <Label htmlFor={`${id}-${term}`} size="small">{term} months</Label>
            </div>
          ))}
        </div>
      )}
    </div>
  )
}
