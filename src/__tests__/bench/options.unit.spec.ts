// `npm run bench`'s command line (scripts/bench/options.js, CommonJS for this test): --quick, --json
// and --only, and which rows a run measures and whether it needs the app.
const options = require("../../../scripts/bench/options.js")

describe("bench options", () => {
  it("runs every row by default, in order, with the app", () => {
    const parsed = options.parseArgs([])
    expect(parsed).toMatchObject({ quick: false, json: undefined, only: undefined })
    expect(options.plan(parsed.only)).toEqual({ rows: options.ROW_NAMES, medusa: true })
    expect(options.ROW_NAMES).toEqual([
      "widget-init",
      "token-single-flight",
      "checkout-payment-steps",
      "avarda-client",
      "avirato-client",
      "my-pages-list",
      "my-pages-detail",
      "webhook-intake",
      "webhook-processing",
    ])
  })

  it("keeps --quick and --json next to --only, in either spelling", () => {
    const parsed = options.parseArgs(["--quick", "--json", "out.json", "--only", "my-pages-list, avirato-client"])
    expect(parsed.quick).toBe(true)
    expect(parsed.json).toBe("out.json")
    expect([...parsed.only]).toEqual(["my-pages-list", "avirato-client"])
    // The run keeps the rows' own order, not the order they were named in.
    expect(options.plan(parsed.only)).toEqual({ rows: ["avirato-client", "my-pages-list"], medusa: true })
    const equals = options.parseArgs(["--json=x.json", "--only=avarda-client"])
    expect(equals.json).toBe("x.json")
    expect([...equals.only]).toEqual(["avarda-client"])
  })

  it("starts no app for the client rows alone", () => {
    expect(options.plan(options.parseArgs(["--only", "avarda-client,avirato-client"]).only)).toEqual({
      rows: ["avarda-client", "avirato-client"],
      medusa: false,
    })
  })

  it("refuses unknown rows, an empty --only, unknown arguments and --json without a file, naming the rows", () => {
    expect(() => options.parseArgs(["--only", "avirato-client,my-pages"])).toThrow(/unknown row\(s\) my-pages\n.*rows: widget-init/s)
    expect(() => options.parseArgs(["--only"])).toThrow("--only needs one or more row names")
    expect(() => options.parseArgs(["--only", " , "])).toThrow("--only needs one or more row names")
    expect(() => options.parseArgs(["--fast"])).toThrow("unknown argument --fast")
    expect(() => options.parseArgs(["--json"])).toThrow("--json needs a file name")
  })
})
