// Where the demo's shoppers land is stated in three places besides medusa-config.ts: the demo's
// closing printout, docs/demo.md and the storefront's routes. They must all be the same pages.
import fs from "node:fs"
import path from "node:path"

const { LANDING_PAGES, landingPageLines } = require("../../../scripts/demo/landing-pages.js") as {
  LANDING_PAGES: Array<{ path: string; when: string; query: string }>
  landingPageLines(storefrontUrl: string): string[]
}

const root = path.resolve(__dirname, "..", "..", "..")
const read = (file: string) => fs.readFileSync(path.join(root, file), "utf8")

describe("where the demo's shoppers land", () => {
  const [success, failure, myPages] = LANDING_PAGES

  it("are the pages medusa-config.ts sends every provider's shoppers to, and My Pages' default page", () => {
    const config = read("medusa-config.ts")
    const count = (text: string) => config.split(text).length - 1
    // Avarda, Standalone Credit and Avirato: one success and one failure URL each, under STOREFRONT_URL.
    expect(count(`"http://localhost:8000")}${success!.path}\``)).toBe(3)
    expect(count(`"http://localhost:8000")}${failure!.path}\``)).toBe(3)
    expect(read("src/modules/avarda-my-pages/options.ts")).toContain(`?? "${myPages!.path}"`)
  })

  it("are pages the demo storefront serves", () => {
    const router = read("storefront/src/main.tsx")
    for (const page of LANDING_PAGES) expect(router).toContain(`case "${page.path}":`)
  })

  it("are in the demo's closing printout and in docs/demo.md", () => {
    expect(read("scripts/demo.mjs")).toContain("landingPageLines(storefrontUrlOf(options))")
    expect(landingPageLines("http://localhost:8000")[0]).toBe(`http://localhost:8000${success!.path}${success!.query}   ${success!.when}`)
    const demo = read("docs/demo.md")
    const section = demo.slice(demo.indexOf("### Where shoppers land"), demo.indexOf("## The storefront"))
    expect(section).toContain("STOREFRONT_URL=http://localhost:8000")
    for (const page of LANDING_PAGES) expect(section).toContain(`| \`${page.path}${page.query}\` | ${page.when} |`)
  })
})

describe("docs/demo.md's ID-validation journey", () => {
  it("says what the session route answers, as the journey checks it: 200 with next_action redirect", () => {
    const row = read("docs/demo.md").split("\n").find((line) => line.startsWith("| Avarda ID validation |"))
    expect(row).toMatch(/answers 200 with `next_action: \{ type: "redirect", url \}`/)
    expect(row).not.toMatch(/202 →/)
    const journey = read("scripts/demo/journeys/avarda-id-validation.mjs")
    expect(journey).toMatch(/200,\s*"start Avarda payment"/)
    expect(journey).toContain('checkEqual(started.next_action?.type, "redirect"')
  })
})
