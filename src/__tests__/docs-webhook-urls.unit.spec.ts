// Medusa routes a payment webhook to `/hooks/payment/<identifier>_<id>` (the provider id without
// its `pp_`) and answers 200 to any other path too, so a wrong URL in the docs loses every event
// silently. Every webhook URL a doc shows is checked against the provider's identifier and the id
// the README registers it with.
import fs from "node:fs"
import path from "node:path"
import { AviratoCardService } from "../providers/avirato/services/avirato-card"

const root = path.resolve(__dirname, "..", "..")
const docs = ["README.md", ...fs.readdirSync(path.join(root, "docs")).filter((name) => name.endsWith(".md")).map((name) => `docs/${name}`)]
const readme = fs.readFileSync(path.join(root, "README.md"), "utf8")

/** The `id` the README's medusa-config.ts gives the Avirato provider entry. */
function readmeAviratoId(): string {
  const match = /resolve:\s*"medusa-plugin-avarda-avirato\/providers\/avirato",\s*id:\s*"([^"]+)"/.exec(readme)
  if (!match) throw new Error("README.md registers no Avirato provider entry")
  return match[1]!
}

/** Every `/hooks/payment/<segment>` a text mentions, with its line number. */
function webhookPaths(text: string): Array<{ segment: string; line: number }> {
  return text.split("\n").flatMap((line, index) => [...line.matchAll(/\/hooks\/payment\/([^\s`)'"]*)/g)].map((m) => ({ segment: m[1]!, line: index + 1 })))
}

describe("webhook URLs in the docs", () => {
  const route = `${AviratoCardService.identifier}_${readmeAviratoId()}`
  // What a doc may show: the URL for the README's configuration, the same with the id left as a
  // placeholder, Medusa's route in general, or the route of Medusa's own system provider (the
  // benchmark's comparison, which is not an Avirato URL).
  const allowed = new Set([route, `${AviratoCardService.identifier}_<id>`, "...", "system_default"])

  it("derives the Avirato route from the provider", () => {
    expect(route).toBe("avirato-card_avirato")
  })

  it.each(docs)("%s shows only the Avirato webhook route Medusa serves", (doc) => {
    const wrong = webhookPaths(fs.readFileSync(path.join(root, doc), "utf8")).filter((found) => !allowed.has(found.segment))
    expect(wrong).toEqual([])
  })

  it("is shown where a store owner or sandbox user registers it", () => {
    for (const doc of ["README.md", "docs/sandbox.md", "docs/options.md"]) {
      const segments = webhookPaths(fs.readFileSync(path.join(root, doc), "utf8")).map((found) => found.segment)
      expect({ doc, hasRoute: segments.includes(route) }).toEqual({ doc, hasRoute: true })
    }
  })
})
