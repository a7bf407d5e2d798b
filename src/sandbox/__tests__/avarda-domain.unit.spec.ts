import { aprDataOf, monthlyPaymentMinor } from "../avarda/my-pages/apr"
import { accountFromPurchase, figuresOf, paymentReferenceOf } from "../avarda/my-pages/accounts"
import { buildFixture, demoMyPagesFixture } from "../avarda/my-pages/fixtures"
import { decideCredit, testOutcomeOf } from "../avarda/shared/credit-decision"
import type { CreditPurchaseView } from "../avarda/shared/credit-purchase"
import { JsonNumber, parseLosslessJson, toPlainJson } from "../avarda/shared/lossless-json"
import { isValidPhone, isValidZip } from "../avarda/shared/markets"
import { formatMinorUnits, hasAtMostTwoDecimals, parseExactDecimal, toMinorUnits } from "../avarda/shared/money"
import { checkDanishId, checkFinnishId, checkNationalId, checkNorwegianId, checkSwedishId, detectMarketOfNationalId } from "../avarda/shared/national-id"
import { AVARDA_TEST_IDENTITIES, AVARDA_TEST_MARKETS, type AvardaTestOutcome } from "../avarda/test-identities"

const TODAY = new Date("2026-06-01T12:00:00Z")
const MARKETS = ["SE", "FI", "NO", "DK"] as const
const DAY = 24 * 60 * 60 * 1000

describe("lossless JSON", () => {
  it("keeps the source text of numbers and parses everything else like JSON.parse", () => {
    const value = parseLosslessJson('{"a": 1.0000000000000001, "b": [true, null, "x\\u00e4\\n"], "c": -2.50e1}') as unknown as { a: JsonNumber; c: JsonNumber }
    expect(value.a).toBeInstanceOf(JsonNumber)
    expect(value.a.text).toBe("1.0000000000000001")
    expect(value.c.text).toBe("-2.50e1")
    expect(toPlainJson(value)).toEqual({ a: 1, b: [true, null, "xä\n"], c: -25 })
  })

  it("rejects malformed JSON with a position", () => {
    expect(() => parseLosslessJson('{"a": }')).toThrow(/position 6/)
    expect(() => parseLosslessJson('{"a": 1} x')).toThrow(/after JSON value/)
    expect(() => parseLosslessJson("01")).toThrow()
  })
})

describe("money in minor units", () => {
  it("converts decimal text exactly", () => {
    expect(toMinorUnits("82.72")).toBe(8272)
    expect(toMinorUnits("39.9")).toBe(3990)
    expect(toMinorUnits("-5")).toBe(-500)
    expect(toMinorUnits("1e2")).toBe(10000)
    expect(toMinorUnits("10.100")).toBe(1010)
    expect(toMinorUnits("0.1")! + toMinorUnits("0.2")!).toBe(30)
  })

  it("refuses more than two significant decimals, on the raw text", () => {
    expect(toMinorUnits("1.005")).toBeUndefined()
    expect(hasAtMostTwoDecimals("1.0000000000000001")).toBe(false)
    expect(hasAtMostTwoDecimals(new JsonNumber("12.34"))).toBe(true)
    expect(hasAtMostTwoDecimals("12,34")).toBe(false)
    expect(parseExactDecimal("abc")).toBeUndefined()
    expect(formatMinorUnits(-123456)).toBe("-1234.56")
  })
})

describe("personal identity numbers", () => {
  it("accepts the test identities of every market, in their market only", () => {
    for (const market of MARKETS) {
      for (const number of Object.values(AVARDA_TEST_IDENTITIES[market])) {
        expect(checkNationalId(market, number, TODAY).valid).toBe(true)
        expect(detectMarketOfNationalId(number, TODAY)).toBe(market)
      }
    }
  })

  it("gives every named outcome a distinct number", () => {
    const all = MARKETS.flatMap((market) => Object.values(AVARDA_TEST_IDENTITIES[market]))
    expect(new Set(all).size).toBe(all.length)
  })

  it("checks Swedish numbers: Luhn, date, 10/12 digits, + for 100+ years", () => {
    expect(checkSwedishId("191704109279", TODAY)).toEqual({ valid: true, canonical: "191704109279" })
    expect(checkSwedishId("170410-9279", TODAY)).toEqual({ valid: true, canonical: "201704109279" })
    expect(checkSwedishId("170410+9279", TODAY)).toEqual({ valid: true, canonical: "191704109279" })
    expect(checkSwedishId("191704109278", TODAY).valid).toBe(false)
    expect(checkSwedishId("198002302009", TODAY).valid).toBe(false)
    expect(checkSwedishId("8005012003", TODAY)).toEqual({ valid: true, canonical: "198005012003" })
  })

  it("checks Finnish, Norwegian and Danish numbers", () => {
    expect(checkFinnishId("131052-308T").valid).toBe(true)
    expect(checkFinnishId("131052-308U").valid).toBe(false)
    expect(checkFinnishId("131052A308T")).toEqual({ valid: true, canonical: "131052A308T" })
    expect(checkFinnishId("131052-900X").valid).toBe(false)
    expect(checkNorwegianId("01058010088").valid).toBe(true)
    expect(checkNorwegianId("01058010089").valid).toBe(false)
    expect(checkDanishId("010580-1000").valid).toBe(true)
    expect(checkDanishId("310280-1000").valid).toBe(false)
  })

  it("recognises test identities in any accepted spelling", () => {
    expect(testOutcomeOf("800502-2002", TODAY)).toEqual({ market: "SE", outcome: "idValidationRequired" })
    expect(testOutcomeOf("0105801000", TODAY)).toEqual({ market: "DK", outcome: "approved" })
    expect(testOutcomeOf("010580-100j", TODAY)).toEqual({ market: "FI", outcome: "approved" })
    expect(testOutcomeOf("191704109279", TODAY)).toBeUndefined()
  })
})

describe("phone and zip formats", () => {
  it("validates per market", () => {
    for (const market of MARKETS) {
      expect(isValidPhone(market, AVARDA_TEST_MARKETS[market].phone)).toBe(true)
      expect(isValidZip(market, AVARDA_TEST_MARKETS[market].zip)).toBe(true)
    }
    expect(isValidPhone("SE", "+46 70-123 45 67")).toBe(true)
    expect(isValidPhone("SE", "081234567")).toBe(false)
    expect(isValidPhone("FI", "041234567")).toBe(true)
    expect(isValidPhone("NO", "12345678")).toBe(false)
    expect(isValidZip("SE", "111 22")).toBe(true)
    expect(isValidZip("NO", "01500")).toBe(false)
    expect(isValidZip("FI", "0010")).toBe(false)
  })
})

describe("credit decision", () => {
  const base = { market: "SE" as const, totalMinor: 100000, mockMode: false, today: TODAY }

  it("maps each named test identity to its outcome", () => {
    const expected: Record<AvardaTestOutcome, unknown> = {
      approved: { kind: "approved" },
      idValidationRequired: { kind: "idValidation", identifyResult: "approve" },
      rejectedCreditNotApproved: { kind: "rejected", errorCode: 1 },
      rejectedAddressMismatch: { kind: "rejected", errorCode: 3 },
      rejectedAmount: { kind: "rejected", errorCode: 4 },
      rejectedInvalidIdentity: { kind: "rejected", errorCode: 5 },
      technicalError: { kind: "technical", errorCode: 101 },
      serviceTimeout: { kind: "technical", errorCode: 100 },
      idValidationFailsAtProvider: { kind: "idValidation", identifyResult: 51 },
      idValidationDifferentPerson: { kind: "idValidation", identifyResult: 52 },
    }
    for (const market of MARKETS) {
      for (const [outcome, number] of Object.entries(AVARDA_TEST_IDENTITIES[market])) {
        expect(decideCredit({ ...base, market, identificationNumber: number })).toEqual(expected[outcome as AvardaTestOutcome])
      }
    }
  })

  it("applies stage mock mode by total before identities", () => {
    const mock = (totalMinor: number) =>
      decideCredit({ ...base, identificationNumber: AVARDA_TEST_IDENTITIES.SE.rejectedCreditNotApproved, totalMinor, mockMode: true })
    expect(mock(20000)).toEqual({ kind: "idValidation", identifyResult: "approve" })
    expect(mock(70000)).toEqual({ kind: "rejected", errorCode: 1 })
    expect(mock(100100)).toEqual({ kind: "technical", errorCode: 100 })
    expect(mock(100200)).toEqual({ kind: "technical", errorCode: 101 })
    expect(mock(20001)).toEqual({ kind: "approved" })
  })

  it("rejects amounts above the credit limit with code 4", () => {
    expect(decideCredit({ ...base, identificationNumber: "191704109279", totalMinor: 5_000_001 })).toEqual({ kind: "rejected", errorCode: 4 })
    expect(decideCredit({ ...base, identificationNumber: "191704109279", totalMinor: 5_000_000 })).toEqual({ kind: "approved" })
  })
})

describe("My Pages derivation", () => {
  const purchase = (overrides: Partial<CreditPurchaseView> = {}): CreditPurchaseView => ({
    purchaseId: "p-1",
    source: "authorization-api",
    shopperKey: "SE:198005012003",
    market: "SE",
    product: "invoice",
    orderReference: "O-1",
    createdAt: new Date(TODAY.getTime() - 2 * DAY),
    movements: [
      {
        kind: "capture",
        at: TODAY,
        orderReference: "O-1",
        rows: [{ description: "Shoes", unitAmountMinor: 50000, quantity: 2, taxCode: "25", unitTaxMinor: 10000 }],
      },
      { kind: "return", at: new Date(TODAY.getTime() + DAY), orderReference: "O-1", rows: [{ description: "Shoes", unitAmountMinor: 50000, quantity: 1, unitTaxMinor: 10000 }] },
    ],
    ...overrides,
  })

  it("turns nothing captured into no account", () => {
    expect(accountFromPurchase(purchase({ movements: [] }))).toBeUndefined()
  })

  it("derives an Unpaid invoice that turns Overdue after its due date and Paid when paid", () => {
    const account = accountFromPurchase(purchase())!
    expect(account.type).toBe("Invoice")
    expect(account.id).toMatch(/^\d{10}$/)
    expect(accountFromPurchase(purchase())!.id).toBe(account.id)
    const open = figuresOf(account, [], new Date(TODAY.getTime() + 2 * DAY))
    expect(open).toMatchObject({ originalAmountMinor: 100000, balanceMinor: 50000, state: "Unpaid", minimumAmountToPayMinor: 10000 })
    expect(open.transactions.map((t) => [t.transactionType, t.amountMinor])).toEqual([
      ["Purchase", 100000],
      ["Return", -50000],
    ])
    expect(figuresOf(account, [], new Date(TODAY.getTime() + 31 * DAY)).state).toBe("Overdue")
    const paid = figuresOf(account, [{ accountId: account.id, amountMinor: 50000, at: TODAY }], new Date(TODAY.getTime() + 40 * DAY))
    expect(paid).toMatchObject({ balanceMinor: 0, state: "Paid", minimumAmountToPayMinor: 0 })
  })

  it("derives a Loan account with aprData from a loan purchase", () => {
    const account = accountFromPurchase(purchase({ product: "loan", paymentTerms: 12, movements: [purchase().movements[0]!] }))!
    expect(account.type).toBe("Loan")
    const figures = figuresOf(account, [], TODAY)
    expect(figures.aprData).toMatchObject({ creditAmount: 1000, months: 12, interestRate: 19.95, invoiceFee: 29 })
    expect(figures.minimumAmountToPayMinor).toBe(monthlyPaymentMinor({ creditAmountMinor: 100000, months: 12, interestRatePercent: 19.95, invoiceFeeMinor: 2900 }))
    const afterOneInstalment = figuresOf(account, [{ accountId: account.id, amountMinor: figures.minimumAmountToPayMinor, at: TODAY }], TODAY)
    expect(afterOneInstalment.dueDate.getTime() - figures.dueDate.getTime()).toBe(30 * DAY)
  })

  it("computes an annuity and APR that include the invoice fee", () => {
    const apr = aprDataOf({ creditAmountMinor: 1_200_000, months: 36, interestRatePercent: 19.95, invoiceFeeMinor: 2900 })
    expect(apr.perMonth).toBe(474.66)
    expect(apr.totalAmount).toBeCloseTo(apr.perMonth * 36, 2)
    expect(apr.totalCredit).toBeCloseTo(apr.totalAmount - 12000, 2)
    // Independently solved (Python bisection on the same 36 payments of 474.66): 27.587 %.
    expect(apr.percent).toBe(27.59)
    expect(aprDataOf({ creditAmountMinor: 120000, months: 12, interestRatePercent: 0, invoiceFeeMinor: 0 }).percent).toBe(0)
  })

  it("builds fixtures with pinned and computed states", () => {
    const seeded = buildFixture(demoMyPagesFixture(), TODAY, () => "x")
    expect(seeded.shopperKey).toBe("SE:198005203008")
    const states = seeded.accounts.map((account) => figuresOf(account, [], TODAY).state)
    expect(states).toEqual(["Unpaid", "Overdue", "Paid", "Unpaid"])
    expect(() => buildFixture({ identificationNumber: "123", purchaseIds: ["a"], accounts: [{ type: "Invoice", amount: 1 }] }, TODAY, () => "x")).toThrow(
      /not a valid personal identity number/,
    )
    expect(paymentReferenceOf("7000000001")).toMatch(/^7000000001\d$/)
  })
})
