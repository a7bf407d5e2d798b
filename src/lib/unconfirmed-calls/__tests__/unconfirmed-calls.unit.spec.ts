import { AVARDA_AUTHORIZATION_API, AVARDA_STANDALONE_CREDIT, AVIRATO_CARDS } from "../../plugin-vendors"
import { awaitingResend, unconfirmedCallsIn, type UnconfirmedCallPlaces } from ".."

const mark = { since: "2024-01-02T10:00:00.000Z", attempts: 2, last_error: "no answer within 10000 ms" }

describe("reading the calls a vendor never answered from the payment data", () => {
  const everyPlace: UnconfirmedCallPlaces = { capture: "captures", refund: "refunds", cancellation: "cancellation" }

  it.each([
    ["no data", null, []],
    ["nothing recorded", {}, []],
    ["answered calls only", { captures: [{ amount_minor: 100 }], cancellation: { reason: "x" } }, []],
    ["a list entry with its amount in minor units", { captures: [{ amount_minor: 54800, unconfirmed: mark }, { amount_minor: 100 }] }, [["capture", 54800]]],
    ["Avirato's `amount`, already minor units", { refunds: [{ amount: 1000, unconfirmed: mark }] }, [["refund", 1000]]],
    ["a single record without an amount", { cancellation: { reason: "x", unconfirmed: mark } }, [["cancellation", null]]],
    ["in the order of the places, not of the data", { cancellation: { unconfirmed: mark }, refunds: [{ amount: 5, unconfirmed: mark }], captures: [{ amount_minor: 7, unconfirmed: mark }] }, [["capture", 7], ["refund", 5], ["cancellation", null]]],
    ["a mark that is not one the providers write", { captures: [{ amount_minor: 1, unconfirmed: {} }, { amount_minor: 2, unconfirmed: "yes" }, null], refunds: "x" }, []],
    ["a key outside the places", { returns: [{ amount_minor: 9, unconfirmed: mark }] }, []],
  ])("%s", (_, data, expected) => {
    expect(unconfirmedCallsIn(data as Record<string, unknown> | null, everyPlace).map((call) => [call.operation, call.amount_minor])).toEqual(expected)
  })

  it("keeps a call the vendor refused when it was re-sent, which the reconciliation job no longer sends", () => {
    const calls = unconfirmedCallsIn({ refunds: [{ amount: 1, unconfirmed: mark }, { amount: 2, unconfirmed: { ...mark, failed: true } }] }, everyPlace)
    expect(calls.map((call) => [call.amount_minor, awaitingResend(call)])).toEqual([
      [1, true],
      [2, false],
    ])
  })

  it("each vendor family names where its providers record such calls", () => {
    const data = {
      captures: [{ amount_minor: 1, unconfirmed: mark }],
      returns: [{ amount_minor: 2, unconfirmed: mark }],
      refunds: [{ amount_minor: 3, unconfirmed: mark }],
      remainder_released: { amount_minor: 4, unconfirmed: mark },
      cancellation: { unconfirmed: mark },
    }
    const operations = (places: UnconfirmedCallPlaces) => unconfirmedCallsIn(data, places).map((call) => call.operation)
    expect(operations(AVARDA_AUTHORIZATION_API.unconfirmedCallPlaces)).toEqual(["return"])
    expect(operations(AVARDA_STANDALONE_CREDIT.unconfirmedCallPlaces)).toEqual(["capture", "return", "refund", "release of the rest", "cancellation"])
    expect(operations(AVIRATO_CARDS.unconfirmedCallPlaces)).toEqual(["refund"])
  })
})
