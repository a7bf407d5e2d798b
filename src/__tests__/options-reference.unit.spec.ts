// docs/options.md is the store owner's reference for every option. Each of its tables must list
// exactly the options the zod schema validates, so the page cannot drift from the code.
import fs from "node:fs"
import path from "node:path"
import type { z } from "zod"
import { operationalSettingsSchema } from "../lib/plugin-settings/operational-settings"
import { myPagesOptionsSchema } from "../modules/avarda-my-pages/options"
import { avardaOptionsSchema } from "../providers/avarda/core/options"
import { standaloneOptionsSchema } from "../providers/avarda-standalone/core/options"
import { aviratoOptionsSchema } from "../providers/avirato/core/options"

const page = fs.readFileSync(path.resolve(__dirname, "..", "..", "docs", "options.md"), "utf8")

/** Option paths of a documented table: the first column of each row, e.g. `loan.paymentTerms`. */
function documentedOptions(table: string): string[] {
  const match = new RegExp(`<!-- options:${table} -->([\\s\\S]*?)<!-- /options -->`).exec(page)
  if (!match) throw new Error(`docs/options.md has no table "${table}"`)
  return match[1]
    .split("\n")
    .map((line) => /^\|\s*`([^`]+)`\s*\|/.exec(line)?.[1])
    .filter((name): name is string => !!name)
}

/** Leaf option paths of a zod object schema; an object without fields counts as one option. */
function schemaOptions(schema: z.ZodType, prefix = ""): string[] {
  const def = (schema as unknown as { _zod: { def: Record<string, unknown> & { type: string } } })._zod.def
  switch (def.type) {
    case "optional":
    case "nullable":
    case "default":
    case "prefault":
    case "readonly":
      return schemaOptions(def.innerType as z.ZodType, prefix)
    case "pipe":
      return schemaOptions(def.out as z.ZodType, prefix)
    case "object": {
      const shape = def.shape as Record<string, z.ZodType>
      const keys = Object.keys(shape)
      if (!keys.length) return prefix ? [prefix] : []
      return keys.flatMap((key) => schemaOptions(shape[key], prefix ? `${prefix}.${key}` : key))
    }
    default:
      return [prefix]
  }
}

describe("docs/options.md lists exactly the options each schema validates", () => {
  it.each([
    ["avarda", avardaOptionsSchema],
    ["avarda-standalone", standaloneOptionsSchema],
    ["avirato", aviratoOptionsSchema],
    ["avarda-my-pages", myPagesOptionsSchema],
    ["operational-settings", operationalSettingsSchema],
  ] as Array<[string, z.ZodType]>)("%s", (table, schema) => {
    const documented = documentedOptions(table)
    expect(new Set(documented).size).toBe(documented.length)
    expect([...documented].sort()).toEqual(schemaOptions(schema).sort())
  })
})
