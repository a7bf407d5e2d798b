/**
 * Checks of Avarda's Authorization API on stage, in mock mode (an item described `MockForTest`):
 * the token endpoint, the four create endpoints, status, and capture / return / cancel on mock
 * authorizations, each tied to the assumption row it confirms or contradicts.
 */
import { randomUUID } from "node:crypto"
import { AuthorizationApiClient } from "../../lib/avarda/authorization-api/client"
import { AvardaOrderManagementError } from "../../lib/avarda/authorization-api/errors"
import { VendorHttpError } from "../../lib/http/errors"
import { TokenCache } from "../../lib/http/token-cache"
import { describeError, outcomeOf, type VerifyCheck } from "../check"
import type { VerifyContext } from "../verify-context"
import { approvedAuthorization, createRequest, MOCK_TOTALS, mockRows, orderBody, productExtras, row, waitForBackOffice } from "./mock-credit"

type Check = VerifyCheck<VerifyContext>
const api = "avarda-authorization-api" as const

/** Refused order management: a 4xx with Avarda's error list. */
function refusal(result: { ok: true } | { ok: false; error: unknown }): string | undefined {
  if (result.ok) return undefined
  return result.error instanceof AvardaOrderManagementError && result.error.status < 500 ? describeError(result.error) : undefined
}

/** An approved mock authorization of two rows (the mock item 100.00, item B 200.00), ready to capture. */
async function twoRowAuthorization(context: VerifyContext, label: string) {
  const rows = mockRows(100, row("Verify item B", 200))
  const { authorizationId } = await approvedAuthorization(context, rows, { label })
  return { authorizationId, rows, client: context.authorizationApi() }
}

const isProblemDetails = (body: unknown): boolean =>
  typeof body === "object" && body !== null && !Array.isArray(body) && ("title" in body || "status" in body || "type" in body)

export const AUTHORIZATION_API_CHECKS: Check[] = [
  {
    assumption: "U1",
    api,
    expected: "`authorization/part-payment` answers 201 with `accountClassCode`, 400 naming AccountClassCode without it",
    async run(context, found) {
      const client = context.authorizationApi()
      const extras = productExtras("part-payment", context)
      const withClass = await client.createAuthorization("part-payment", createRequest(context, mockRows(100), { label: "u1", shop: extras }))
      found.expect(withClass.kind === "approved", `with accountClassCode: ${withClass.kind}`)
      const { accountClassCode: _omitted, ...withoutClass } = extras
      const without = await client.createAuthorization("part-payment", createRequest(context, mockRows(100), { label: "u1b", shop: withoutClass }))
      const keys = without.kind === "invalid_request" ? Object.keys(without.errors) : []
      found.expect(
        keys.some((key) => /accountclasscode/i.test(key)),
        `without: ${without.kind}${keys.length ? ` (${keys.join(", ")})` : ""}`
      )
    },
  },
  {
    assumption: "U5",
    api,
    expected: "202 for mock total 200; `GET authorization/{id}` then answers 200 without `status`",
    async run(context, found) {
      const client = context.authorizationApi()
      const outcome = await client.createAuthorization("invoice", createRequest(context, mockRows(MOCK_TOTALS.idValidationRequired), { label: "u5" }))
      found.expect(outcome.kind === "id_validation_required", `create: ${outcome.kind}`)
      if (outcome.kind !== "id_validation_required") return
      const status = await client.getAuthorization(outcome.authorizationId)
      found.expect(status.status === undefined, status.status === undefined ? "status: absent" : `status: ${status.status}`)
    },
  },
  {
    assumption: "U7",
    api,
    expected: "two partial `/order` calls up to the authorized sum succeed; 0.01 more is refused (no tolerance)",
    async run(context, found) {
      const { authorizationId, rows, client } = await twoRowAuthorization(context, "u7")
      const first = await outcomeOf(client.captureOrder(authorizationId, orderBody(context, [rows[1]], "u7-1")))
      found.expect(first.ok, `capture 200.00: ${first.ok ? "200" : describeError(first.error)}`)
      const second = await outcomeOf(client.captureOrder(authorizationId, orderBody(context, [rows[0]], "u7-2")))
      found.expect(second.ok, `capture 100.00: ${second.ok ? "200" : describeError(second.error)}`)
      const beyond = await outcomeOf(client.captureOrder(authorizationId, orderBody(context, [row("Verify over-capture", 0.01)], "u7-3")))
      found.expect(refusal(beyond) !== undefined, `capture 0.01 more: ${beyond.ok ? "200 (accepted)" : describeError(beyond.error)}`)
    },
  },
  {
    assumption: "U8",
    api,
    expected: "`/cancel` refused after a partial capture (no way to release the rest)",
    async run(context, found) {
      const { authorizationId, rows, client } = await twoRowAuthorization(context, "u8")
      await client.captureOrder(authorizationId, orderBody(context, [rows[1]], "u8-1"))
      const cancel = await outcomeOf(client.cancel(authorizationId, "Verify: release the uncaptured rest"))
      found.expect(refusal(cancel) !== undefined, `cancel after capture: ${cancel.ok ? "200 (accepted)" : describeError(cancel.error)}`)
    },
  },
  {
    assumption: "U9",
    api,
    expected: "`amount` is per unit: a row 2 × 50.00 authorizes 100.00, which can be captured",
    async run(context, found) {
      const request = createRequest(context, mockRows(100), { label: "u9" })
      request.items = request.items.map((item) => ({ ...item, amount: item.amount / 2, taxAmount: (item.taxAmount ?? 0) / 2, quantity: 2 }))
      const client = context.authorizationApi()
      const outcome = await client.createAuthorization("invoice", request)
      found.expect(outcome.kind === "approved", `create 2 × 50.00: ${outcome.kind}`)
      if (outcome.kind !== "approved") return
      await waitForBackOffice(context, client, outcome.authorizationId)
      const capture = await outcomeOf(client.captureOrder(outcome.authorizationId, orderBody(context, mockRows(100), "u9")))
      found.expect(capture.ok, `capture 1 × 100.00: ${capture.ok ? "200" : describeError(capture.error)}`)
    },
  },
  {
    assumption: "U10",
    api,
    expected: "refused `/order` and `/return`: HTTP 422 with `[{ErrorCode, ErrorMessage}]` (sandbox codes 10012, 10013)",
    async run(context, found) {
      const rows = mockRows(100)
      const { authorizationId } = await approvedAuthorization(context, rows, { label: "u10" })
      const client = context.authorizationApi()
      for (const [what, call] of [
        ["over-capture", () => client.captureOrder(authorizationId, orderBody(context, mockRows(150), "u10-1"))],
        ["return before capture", () => client.returnItems(authorizationId, orderBody(context, mockRows(10), "u10-2"))],
      ] as const) {
        const result = await outcomeOf(call())
        const error = result.ok ? undefined : result.error
        const shaped =
          error instanceof AvardaOrderManagementError &&
          error.status === 422 &&
          Array.isArray(error.body) &&
          error.body.every((entry) => typeof entry === "object" && entry !== null && "ErrorCode" in entry && "ErrorMessage" in entry)
        found.expect(shaped, `${what}: ${error ? `${describeError(error)} ${Array.isArray((error as VendorHttpError).body) ? "array" : "not an array"}` : "200 (accepted)"}`)
      }
    },
  },
  {
    assumption: "U11",
    api,
    expected: "a repeated `tranId` answers 200 and is applied once (capture and return)",
    async run(context, found) {
      const { authorizationId, rows, client } = await twoRowAuthorization(context, "u11")
      const capture = orderBody(context, [rows[1]], "u11-capture")
      await client.captureOrder(authorizationId, capture)
      const repeated = await outcomeOf(client.captureOrder(authorizationId, capture))
      found.expect(repeated.ok, `same capture tranId again: ${repeated.ok ? "200" : describeError(repeated.error)}`)
      const rest = await outcomeOf(client.captureOrder(authorizationId, orderBody(context, [rows[0]], "u11-rest")))
      found.expect(rest.ok, `then the remaining 100.00: ${rest.ok ? "200 (first capture applied once)" : describeError(rest.error)}`)
      const returned = orderBody(context, [row("Verify return", 50)], "u11-return")
      await client.returnItems(authorizationId, returned)
      const returnedAgain = await outcomeOf(client.returnItems(authorizationId, returned))
      found.expect(returnedAgain.ok, `same return tranId again: ${returnedAgain.ok ? "200" : describeError(returnedAgain.error)}`)
      const returnRest = await outcomeOf(client.returnItems(authorizationId, orderBody(context, [row("Verify return rest", 250)], "u11-return-rest")))
      found.expect(returnRest.ok, `then return the other 250.00: ${returnRest.ok ? "200 (first return applied once)" : describeError(returnRest.error)}`)
    },
  },
  {
    assumption: "U12",
    api,
    expected: "`orderReference` of 50 characters accepted on `/order`, 51 refused",
    async run(context, found) {
      const rows = mockRows(100)
      const { authorizationId } = await approvedAuthorization(context, rows, { label: "u12" })
      const client = context.authorizationApi()
      const reference = (length: number) => context.reference("u12-").padEnd(length, "x")
      const tooLong = await outcomeOf(client.captureOrder(authorizationId, orderBody(context, rows, "u12-51", reference(51))))
      found.expect(!tooLong.ok && tooLong.error instanceof VendorHttpError && tooLong.error.status === 400, `51 characters: ${tooLong.ok ? "200 (accepted)" : describeError(tooLong.error)}`)
      const longest = await outcomeOf(client.captureOrder(authorizationId, orderBody(context, rows, "u12-50", reference(50))))
      found.expect(longest.ok, `50 characters: ${longest.ok ? "200" : describeError(longest.error)}`)
    },
  },
  {
    assumption: "U13",
    api,
    expected: "amounts sent as strings are accepted (201); more than 2 decimals → 400",
    async run(context, found) {
      const client = context.authorizationApi()
      const asStrings = createRequest(context, mockRows(100), { label: "u13" })
      asStrings.items = asStrings.items.map((item) => ({ ...item, amount: item.amount.toFixed(2) as unknown as number, taxAmount: (item.taxAmount ?? 0).toFixed(2) as unknown as number }))
      const strings = await client.createAuthorization("invoice", asStrings)
      found.expect(strings.kind === "approved", `"100.00" as a string: ${strings.kind}`)
      const threeDecimals = createRequest(context, mockRows(100), { label: "u13b" })
      threeDecimals.items = [...threeDecimals.items, { description: "Verify three decimals", amount: 1.005, taxAmount: 0, taxCode: "0", quantity: 1 }]
      const decimals = await client.createAuthorization("invoice", threeDecimals)
      found.expect(decimals.kind === "invalid_request", `1.005: ${decimals.kind}`)
    },
  },
  {
    assumption: "U14",
    api,
    expected: "`country` (ISO alpha-2) accepted on addresses and not required",
    async run(context, found) {
      const client = context.authorizationApi()
      const withCountry = await client.createAuthorization("invoice", createRequest(context, mockRows(100), { label: "u14" }))
      found.expect(withCountry.kind === "approved", `with country SE: ${withCountry.kind}`)
      const request = createRequest(context, mockRows(100), { label: "u14b" })
      const { country: _country, ...address } = request.invoicingAddress
      const without = await client.createAuthorization("invoice", { ...request, invoicingAddress: address as typeof request.invoicingAddress })
      found.expect(without.kind === "approved", `without country: ${without.kind}`)
    },
  },
  {
    assumption: "U15",
    api,
    expected: "`status` of `GET authorization/{id}` is a JSON number",
    async run(context, found) {
      const client = context.authorizationApi()
      const created = await client.createAuthorization("invoice", createRequest(context, mockRows(100), { label: "u15" }))
      found.expect(created.kind === "approved", `create: ${created.kind}`)
      if (created.kind !== "approved") return
      await client.getAuthorization(created.authorizationId)
      const answer = [...context.exchanges()].reverse().find((exchange) => exchange.method === "GET" && exchange.status === 200)
      const status = answer?.responseText ? (JSON.parse(answer.responseText) as { status?: unknown }).status : undefined
      found.expect(typeof status === "number", `status: ${JSON.stringify(status)} (${typeof status})`)
    },
  },
  {
    assumption: "U16",
    api,
    expected: "the 202 of ID validation carries `forced: false`",
    async run(context, found) {
      const outcome = await context.authorizationApi().createAuthorization("invoice", createRequest(context, mockRows(MOCK_TOTALS.idValidationRequired), { label: "u16" }))
      found.expect(outcome.kind === "id_validation_required" && outcome.forced === false, `${outcome.kind}${outcome.kind === "id_validation_required" ? `, forced: ${String(outcome.forced)}` : ""}`)
    },
  },
  {
    assumption: "U23",
    api,
    readOnly: true,
    expected: "the lower-case paths the plugin sends are served: `oauth2/token`, `authorization/{id}` (404 ProblemDetails for an unknown id)",
    async run(context, found) {
      const client = context.authorizationApi()
      await client.fetchToken()
      found.expect(true, "oauth2/token: 200")
      const unknown = await outcomeOf(client.getAuthorization(randomUUID()))
      const error = unknown.ok ? undefined : unknown.error
      found.expect(
        error instanceof VendorHttpError && error.status === 404 && isProblemDetails(error.body),
        `authorization/{unknown id}: ${error ? `${describeError(error)}${isProblemDetails((error as VendorHttpError).body) ? " ProblemDetails" : " (not ProblemDetails)"}` : "200"}`
      )
    },
  },
  {
    assumption: "D1",
    api,
    readOnly: true,
    expected: "token with a wrong secret: 401 `invalid_client`; unknown client id: 400 `unauthorized_client`",
    async run(context, found) {
      const config = context.configured("authorizationApi")
      for (const [what, overrides, status, code] of [
        ["wrong secret", { clientSecret: `${config.clientSecret}-verify-wrong` }, 401, "invalid_client"],
        ["unknown client id", { clientId: randomUUID() }, 400, "unauthorized_client"],
      ] as const) {
        const result = await outcomeOf(context.authorizationApi(overrides).fetchToken())
        const error = result.ok ? undefined : result.error
        const body = error instanceof VendorHttpError ? (error.body as { error?: unknown } | undefined) : undefined
        found.expect(error instanceof VendorHttpError && error.status === status && body?.error === code, `${what}: ${error ? `${describeError(error)} ${String(body?.error)}` : "200 (token issued)"}`)
      }
    },
  },
  {
    assumption: "D2",
    api,
    readOnly: true,
    expected: "an invalid bearer token: 401 with an empty body and `WWW-Authenticate: Bearer …`",
    async run(context, found) {
      const invalid = new TokenCache({ fetchToken: async () => ({ value: `verify-invalid-${randomUUID()}`, expiresAt: Date.now() + 3_600_000 }) })
      const client: AuthorizationApiClient = context.authorizationApi({ tokenCache: invalid })
      const result = await outcomeOf(client.getAuthorization(randomUUID()))
      const answer = context.exchanges().find((exchange) => exchange.status === 401)
      const challenge = answer?.responseHeaders?.["www-authenticate"] ?? ""
      found.expect(!result.ok && answer !== undefined, `status: ${result.ok ? "200" : describeError(result.error)}`)
      found.expect(/^Bearer\b/i.test(challenge), `WWW-Authenticate: ${challenge || "(none)"}`)
      found.expect(!answer?.responseText, `body: ${answer?.responseText ? "not empty" : "empty"}`)
    },
  },
  {
    assumption: "D3",
    api,
    expected: "400 ValidationProblemDetails: title “One or more validation errors occurred.”, key `OrderReference`",
    async run(context, found) {
      const request = createRequest(context, mockRows(100), { label: "d3" })
      request.orderReference = request.orderReference.padEnd(51, "x")
      const outcome = await context.authorizationApi().createAuthorization("invoice", request)
      const keys = outcome.kind === "invalid_request" ? Object.keys(outcome.errors) : []
      found.expect(outcome.kind === "invalid_request", `answer: ${outcome.kind}`)
      found.expect(outcome.kind === "invalid_request" && outcome.title === "One or more validation errors occurred.", `title: ${outcome.kind === "invalid_request" ? JSON.stringify(outcome.title) : "-"}`)
      found.expect(keys.includes("OrderReference"), `keys: ${keys.join(", ") || "(none)"}`)
    },
  },
  {
    assumption: "D4",
    api,
    expected: "a malformed e-mail is a credit rejection: 422 errorCode 7",
    async run(context, found) {
      const request = createRequest(context, mockRows(100), { label: "d4", application: { email: "verify-not-an-email" } })
      const outcome = await context.authorizationApi().createAuthorization("invoice", request)
      found.expect(outcome.kind === "rejected" && outcome.errorCode === 7, `${outcome.kind}${"errorCode" in outcome ? ` errorCode ${String(outcome.errorCode)}` : ""}`)
    },
  },
  {
    assumption: "D5",
    api,
    expected: "mock 700 → 422 errorCode 1 (status 1); 1001 → 500 errorCode 100 and 1002 → 500 errorCode 101 (status 3)",
    async run(context, found) {
      const client = context.authorizationApi()
      for (const [total, kind, errorCode, status] of [
        [MOCK_TOTALS.rejected, "rejected", 1, 1],
        [MOCK_TOTALS.serviceTimeout, "technical_error", 100, 3],
        [MOCK_TOTALS.otherError, "technical_error", 101, 3],
      ] as const) {
        const outcome = await client.createAuthorization("invoice", createRequest(context, mockRows(total), { label: `d5-${total}` }))
        const code = "errorCode" in outcome ? outcome.errorCode : undefined
        const id = "authorizationId" in outcome ? outcome.authorizationId : undefined
        const read = id ? await client.getAuthorization(id) : undefined
        found.expect(
          outcome.kind === kind && code === errorCode && read?.status === status,
          `${total}: ${outcome.kind}${"status" in outcome ? ` ${outcome.status}` : ""} errorCode ${String(code)}, status ${read ? String(read.status) : "(no authorizationId)"}`
        )
      }
    },
  },
  {
    assumption: "D6",
    api,
    expected: "201 carries a `creditLimit` that is not the order total (sandbox: the market limit, 50 000 SEK)",
    async run(context, found) {
      const outcome = await context.authorizationApi().createAuthorization("invoice", createRequest(context, mockRows(100), { label: "d6" }))
      const limit = outcome.kind === "approved" ? outcome.creditLimit : undefined
      found.expect(limit !== undefined && limit !== 100, `${outcome.kind}, creditLimit ${String(limit)} for a 100.00 order`)
    },
  },
  {
    assumption: "D7",
    api,
    expected: "after `/cancel` the status stays 0 and `/order` is refused (sandbox 10014)",
    async run(context, found) {
      const rows = mockRows(100)
      const { authorizationId } = await approvedAuthorization(context, rows, { label: "d7" })
      const client = context.authorizationApi()
      await client.cancel(authorizationId, "Verify: cancelled mock authorization")
      const read = await client.getAuthorization(authorizationId)
      found.expect(read.status === 0, `status after cancel: ${String(read.status)}, inBackOffice ${String(read.inBackOffice)}`)
      const capture = await outcomeOf(client.captureOrder(authorizationId, orderBody(context, rows, "d7")))
      found.expect(refusal(capture) !== undefined, `capture after cancel: ${capture.ok ? "200 (accepted)" : describeError(capture.error)}`)
    },
  },
  {
    assumption: "D8",
    api,
    readOnly: true,
    expected: "`GET authorization/{unknown id}`: 404 ProblemDetails",
    async run(context, found) {
      const result = await outcomeOf(context.authorizationApi().getAuthorization(randomUUID()))
      const error = result.ok ? undefined : result.error
      found.expect(error instanceof VendorHttpError && error.status === 404 && isProblemDetails(error.body), error ? `${describeError(error)}${isProblemDetails((error as VendorHttpError).body) ? " ProblemDetails" : ""}` : "200")
    },
  },
  {
    assumption: "D9",
    api,
    expected: "`/cancel` refused while ID validation runs; cancelling twice answers 200 both times",
    async run(context, found) {
      const client = context.authorizationApi()
      const pending = await client.createAuthorization("invoice", createRequest(context, mockRows(MOCK_TOTALS.idValidationRequired), { label: "d9a" }))
      if (pending.kind === "id_validation_required") {
        const cancel = await outcomeOf(client.cancel(pending.authorizationId, "Verify: cancel while pending"))
        found.expect(refusal(cancel) !== undefined, `cancel while pending: ${cancel.ok ? "200 (accepted)" : describeError(cancel.error)}`)
      } else {
        found.expect(false, `mock total 200: ${pending.kind} instead of 202`)
      }
      const { authorizationId } = await approvedAuthorization(context, mockRows(100), { label: "d9b" })
      const first = await outcomeOf(client.cancel(authorizationId, "Verify: cancel twice"))
      const second = await outcomeOf(client.cancel(authorizationId, "Verify: cancel twice"))
      found.expect(first.ok && second.ok, `cancel: ${first.ok ? "200" : describeError(first.error)}, again: ${second.ok ? "200" : describeError(second.error)}`)
    },
  },
]

