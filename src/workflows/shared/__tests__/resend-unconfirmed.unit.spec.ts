import { noAnswers, resendUnconfirmedCalls, type ResendAnswers, type ResendInput } from "../resend-unconfirmed"
import { fakeQuery } from "../../../operations/shared/__tests__/fake-query"

type Refusal = { paymentId: string; error: string }

function containerWith(payments: Array<{ id: string; provider_id: string; data: Record<string, unknown> }>) {
  const query = fakeQuery({ payment: payments })
  const warnings: string[] = []
  const errors: string[] = []
  const notifications: Array<{ idempotency_key: string; data: Record<string, string> }> = []
  const logger = { warn: (line: string) => warnings.push(line), info: () => undefined, error: (line: string) => errors.push(line) }
  const notificationModule = { createNotifications: async (notification: (typeof notifications)[number]) => notifications.push(notification) }
  const container = {
    resolve: (key: string) => (key === "query" ? query : key === "notification" ? notificationModule : logger),
  }
  return { container: container as never, query, warnings, errors, notifications }
}

/** A stand-in for a re-send workflow: answers per payment as `answer` says, and records the inputs. */
function fakeWorkflow(answer: (input: ResendInput) => ResendAnswers<Refusal>) {
  const runs: ResendInput[] = []
  const workflow = () => ({
    run: async ({ input }: { input: ResendInput }) => {
      runs.push(input)
      return { result: answer(input) }
    },
  })
  return { runs, workflow: workflow as never }
}

const mark = { since: "2024-01-02T10:00:00.000Z", attempts: 1, last_error: "no answer" }
const open = { calls: [{ key: "a" }, { key: "b", unconfirmed: mark }] }
const givenUp = { calls: [{ key: "a", unconfirmed: { ...mark, failed: true } }] }
const settled = { calls: [{ key: "a" }] }
const walk = { vendorName: "Vendor", places: { refund: "calls" }, what: "re-sent calls" }

describe("re-sending unconfirmed calls, payment by payment", () => {
  it("runs the workflow only for payments of the given providers with open calls, over every page; the database hands over no settled payment", async () => {
    const payments = Array.from({ length: 530 }, (_, i) => ({
      id: `pay_${String(i).padStart(4, "0")}`,
      provider_id: i % 5 === 0 ? "pp_other" : "pp_vendor",
      data: i % 3 === 0 ? open : i % 7 === 0 ? givenUp : settled,
    }))
    const { container, query } = containerWith(payments)
    const { runs, workflow } = fakeWorkflow((input) => ({ ...noAnswers<Refusal>(input.payment_id), confirmed: [`${input.payment_id}:key`] }))
    const report = await resendUnconfirmedCalls(container, { providerIds: ["pp_vendor"], ...walk, workflow })
    const expected = payments.filter((p) => p.provider_id === "pp_vendor" && p.data === open)
    expect(runs).toEqual(expected.map((p) => ({ payment_id: p.id, provider_id: "pp_vendor" })))
    expect(report).toEqual({ confirmed: expected.map((p) => `${p.id}:key`), refused: [], stillUnknown: 0, notRecorded: [], credentialsRefused: [] })
    expect(query.calls.length).toBeGreaterThan(1)
    expect(query.calls.every((call) => JSON.stringify(call.filters.provider_id) === JSON.stringify(["pp_vendor"]))).toBe(true)
    const mentioned = payments.filter((p) => p.provider_id === "pp_vendor" && p.data !== settled)
    expect(query.calls.reduce((sum, call) => sum + call.answered!, 0)).toBe(mentioned.length)
  })

  it("a payment whose workflow fails is reported and logged, and the payments after it still run", async () => {
    const payments = ["pay_1", "pay_2", "pay_3"].map((id) => ({ id, provider_id: "pp_vendor", data: open }))
    const { container, warnings } = containerWith(payments)
    const { runs, workflow } = fakeWorkflow((input) => {
      if (input.payment_id === "pay_2") throw new Error("the database went away")
      return {
        ...noAnswers<Refusal>(input.payment_id),
        confirmed: input.payment_id === "pay_1" ? ["pay_1:a"] : [],
        refused: input.payment_id === "pay_3" ? [{ paymentId: "pay_3", error: "refused" }] : [],
        still_unknown: 1,
      }
    })
    const report = await resendUnconfirmedCalls(container, { providerIds: ["pp_vendor"], ...walk, workflow })
    expect(runs.map((r) => r.payment_id)).toEqual(["pay_1", "pay_2", "pay_3"])
    expect(report).toEqual({
      confirmed: ["pay_1:a"],
      refused: [{ paymentId: "pay_3", error: "refused" }],
      stillUnknown: 2,
      notRecorded: [{ paymentId: "pay_2", error: "the database went away" }],
      credentialsRefused: [],
    })
    expect(warnings).toEqual([expect.stringContaining("re-sent calls of payment pay_2 were not recorded (the database went away)")])
  })

  it("asks the database nothing when no provider of the vendor is configured", async () => {
    const { container, query } = containerWith([{ id: "pay_1", provider_id: "pp_vendor", data: open }])
    const { runs, workflow } = fakeWorkflow((input) => noAnswers<Refusal>(input.payment_id))
    const report = await resendUnconfirmedCalls(container, { providerIds: [], ...walk, workflow })
    expect(report).toEqual({ confirmed: [], refused: [], stillUnknown: 0, notRecorded: [], credentialsRefused: [] })
    expect(query.calls).toEqual([])
    expect(runs).toEqual([])
  })

  it("a provider whose credentials the vendor turned away is reported once with its first answer, the admin told once per provider and day; its other payments still run", async () => {
    const payments = [
      { id: "pay_1", provider_id: "pp_vendor_a", data: open },
      { id: "pay_2", provider_id: "pp_vendor_a", data: open },
      { id: "pay_3", provider_id: "pp_vendor_b", data: open },
      { id: "pay_4", provider_id: "pp_vendor_b", data: open },
    ]
    const { container, errors, notifications } = containerWith(payments)
    const { runs, workflow } = fakeWorkflow((input) => ({
      ...noAnswers<Refusal>(input.payment_id),
      still_unknown: 1,
      credentials_refused: input.payment_id === "pay_4" ? null : `refund: HTTP 403 – key refused for ${input.payment_id}`,
    }))
    const day = new Date().toISOString().slice(0, 10)
    const report = await resendUnconfirmedCalls(container, { providerIds: ["pp_vendor_a", "pp_vendor_b"], ...walk, workflow })
    expect(runs.map((r) => r.payment_id)).toEqual(["pay_1", "pay_2", "pay_3", "pay_4"])
    expect(report.credentialsRefused).toEqual([
      { providerId: "pp_vendor_a", error: "refund: HTTP 403 – key refused for pay_1" },
      { providerId: "pp_vendor_b", error: "refund: HTTP 403 – key refused for pay_3" },
    ])
    expect(report.stillUnknown).toBe(4)
    expect(notifications.map((n) => [n.idempotency_key, n.data.title, n.data.provider_id])).toEqual([
      [`avarda-avirato:credentials-refused:pp_vendor_a:${day}`, "Vendor turned away the credentials of pp_vendor_a", "pp_vendor_a"],
      [`avarda-avirato:credentials-refused:pp_vendor_b:${day}`, "Vendor turned away the credentials of pp_vendor_b", "pp_vendor_b"],
    ])
    expect(notifications[0]!.data.description).toMatch(/^Vendor answered "refund: HTTP 403 – key refused for pay_1" to the re-sent calls: .*Nothing was refused or lost/)
    expect(errors).toHaveLength(2)
  })

  it("no alert when nothing turned the credentials away", async () => {
    const { container, notifications } = containerWith([{ id: "pay_1", provider_id: "pp_vendor", data: open }])
    const { workflow } = fakeWorkflow((input) => ({ ...noAnswers<Refusal>(input.payment_id), still_unknown: 1 }))
    expect((await resendUnconfirmedCalls(container, { providerIds: ["pp_vendor"], ...walk, workflow })).credentialsRefused).toEqual([])
    expect(notifications).toEqual([])
  })
})
