/**
 * What the plugin and the sandbox assume about Avirato where its documentation is silent, one row per
 * behaviour. This list is the single source: docs/sandbox-avirato.md#table-of-assumptions is generated
 * from it (`npm run assumptions:docs`) and the go-live check (`avarda-avirato-verify`) ties each of its
 * checks to one of these ids.
 */
import type { VendorAssumption } from "./vendor-assumption"

export const AVIRATO_ASSUMPTIONS = [
  { id: "A1", unknown: "Which webcodes a key may use (\"Webcode restriction\" cut off)", sandbox: "Each environment's key is bound to the one configured webcode; any other → 403/11008. Checked after the key and before the body rules; a missing webcode is a 12001." },
  { id: "A2", unknown: "IP allow-list (11002)", sandbox: "Not simulated: every caller is allowed." },
  { id: "A3", unknown: "Key/secret rotation, grace period", sandbox: "Not simulated: one key and one client secret per environment (configurable at start)." },
  { id: "A4", unknown: "Idempotency scope, retention, replay, conflict, in-flight duplicates", sandbox: "Scope environment + endpoint; kept 24 h; same body (JSON-equal) → identical status and body; different body → **409 / code 12010** (code invented by the sandbox); in-flight duplicate waits for the first; only 2xx stored; key 1–64 printable ASCII else 400/12001." },
  { id: "A5", unknown: "Exact `countryCode` rules; list of supported countries", sandbox: "Exactly two uppercase letters, else 12006 (so `es` is rejected: send `ES`). Supported: every assigned ISO 3166-1 alpha-2 code except BY, CU, IR, KP, RU, SY; those and unassigned codes (`ZZ`) → 12009." },
  { id: "A6", unknown: "Case of `amount.currency`", sandbox: "Exactly `EUR`, `GBP` or `USD` (uppercase), else 12001." },
  { id: "A7", unknown: "Amount limits", sandbox: "Integer > 0 (a safe integer); no maximum." },
  { id: "A8", unknown: "What a \"valid URL\" is", sandbox: "Absolute `http:` or `https:` URL, else 12001." },
  { id: "A9", unknown: "`shopperLocale` validation beyond 10 characters", sandbox: "Must look like a BCP-47 tag (`xx`, `xx-YY`, …), else 12001. The page itself is in English whatever the locale (amounts are formatted in it)." },
  { id: "A10", unknown: "Accepted ISO 8601 forms for `deliverAt`", sandbox: "`YYYY-MM-DD` or `YYYY-MM-DDTHH:mm[:ss[.fff]][Z|±HH:mm]` with a real calendar date; anything else, including a non-string → 12002. Echoed unchanged." },
  { id: "A11", unknown: "`null` in optional fields", sandbox: "Treated as absent (as class-validator's `@IsOptional` does)." },
  { id: "A12", unknown: "Absent optional fields in answers", sandbox: "Returned as `null` (`description`, `customReference`, `deliverAt`)." },
  { id: "A13", unknown: "Time zone of `createdAt`/`completedAt`", sandbox: "Europe/Madrid wall time, `YYYY-MM-DD HH:mm:ss`." },
  { id: "A14", unknown: "`{timestamp}` in `sessionId`; `paymentReference` format", sandbox: "14 digits (ms timestamp × 10 plus a per-instance counter, strictly increasing); references are 16 uppercase letters/digits, like `KVGQSN3K2SKFNVNS`." },
  { id: "A15", unknown: "When the 5-minute page limit starts", sandbox: "At the first GET of `paymentUrl` (or the first POST if there was no GET), on the sandbox clock; an unopened session stays `pending` forever." },
  { id: "A16", unknown: "What a decline does to the session; when `failed`/`expired` apply", sandbox: "A decline/processor error leaves the session `pending` (retry possible on the same page); when the page time runs out the session becomes `failed` if it had attempts, else `expired`. \"Cancel\" on the page → `cancelled`. No webhook for expiry or cancellation." },
  { id: "A17", unknown: "Submitting a completed session's page again", sandbox: "No new attempt; redirect to `urlOk` with a fresh JWT." },
  { id: "A18", unknown: "`data` JWT claims and expiry", sandbox: "Claims `sessionId`, `paymentReference`, `customReference`, `amount {value,currency}`, `status: \"completed\"`, `paymentStatus: \"AUTHORISED\"`, `isPreAuth`, `iat`, `exp = iat + 900`; header `typ: \"JWT\"`." },
  { id: "A19", unknown: "Full status enums", sandbox: "Attempts: `authorised`, `refused`, `error`; session `paymentStatus`: `AUTHORISED` only." },
  { id: "A20", unknown: "Whether GET session reflects captures/refunds", sandbox: "It does not: the session is frozen once completed." },
  { id: "A21", unknown: "List sessions: path, filters, pagination, page shape; list modifications", sandbox: "List sessions is **assumed** (unconfirmed by Avirato): `GET payment/sessions?webcode=…&status=…&from=…&to=…&page=…&limit=…`; `from`/`to` ISO 8601 instants bounding `createdAt` (inclusive, bad → 12002); `status` one session status; pages from 1, `limit` 1–100 (default 20), oldest first; answer `{ items, page, limit, total }` with items shaped like GET session's `data`. The reconciliation job uses it to find paid sessions Medusa no longer has. List modifications: not implemented." },
  { id: "A22", unknown: "202 body", sandbox: "`{ modificationReference, paymentReference, type, status: \"received\", amount?, reason?, createdAt }`." },
  { id: "A23", unknown: "When a modification's outcome is decided", sandbox: "At acceptance (so later requests see the new amounts); only the webhook reports it." },
  { id: "A24", unknown: "Fifth refund reason", sandbox: "`OTHER`." },
  { id: "A25", unknown: "Several partial refunds; cap; refund of an uncaptured pre-auth; error codes", sandbox: "Several partial refunds up to captured − refunded; beyond that, or on an uncaptured pre-auth or a cancelled payment: 202 then `REFUND_FAILED`. A currency different from the payment's → 400/12001." },
  { id: "A26", unknown: "Capture body; amount optional?; several captures; capture of `isPreAuth:false`", sandbox: "`{webcode, paymentReference, amount?}`; no amount = full; one capture per pre-auth (partial releases the rest); over the authorised amount, a second capture, an auto-captured or cancelled payment, or an expired authorisation: 202 then `CAPTURE_FAILED`." },
  { id: "A27", unknown: "Cancel body; cancel after capture", sandbox: "`{webcode, paymentReference}`; only an uncaptured pre-auth; otherwise 202 then `CANCELLATION` with `success: false`." },
  { id: "A28", unknown: "Extend body; authorisation lifetime", sandbox: "`{webcode, paymentReference, amount?}` (amount replaces the authorised amount); an authorisation is valid 7 days from authorisation, and a successful extend makes it 7 days from now; failures: `AUTHORISATION_ADJUSTMENT` with `success: false`. The plugin assumes the same lifetime (the low end of the card schemes' 7–28 days): the order panel shows the expiry and warns, and the admin is notified, before it." },
  { id: "A29", unknown: "Auto-capture (`isPreAuth:false`)", sandbox: "Captured at authorisation; only the `AUTHORISATION` webhook is sent (no `CAPTURE`)." },
  { id: "A30", unknown: "Webhook event names and body", sandbox: "As in [Webhooks](#webhooks): Adyen-style `event_code`, `success`, fields under `data`, `eventId` repeated on duplicates." },
  { id: "A31", unknown: "`paymentStatus` in webhooks", sandbox: "`AUTHORISED`, `REFUSED`, `ERROR`, `CAPTURED`, `PARTIALLY_REFUNDED`, `REFUNDED`, `CANCELLED` (the payment after the event)." },
  { id: "A32", unknown: "`success` on `*_FAILED` events", sandbox: "`false` (Adyen sends `true` for \"the event happened\"; the sandbox makes failure explicit)." },
  { id: "A33", unknown: "Whether Test webhooks are signed; timestamp per retry", sandbox: "Signed in both environments, with a new timestamp and signature for each attempt." },
  { id: "A34", unknown: "Retry schedule; what counts as delivered", sandbox: "2xx = delivered; otherwise retried after 200 ms · 2^(n−1) up to 5 attempts; 10 s timeout per attempt (all configurable except the timeout)." },
  { id: "A35", unknown: "Events while no URL is configured or webhooks are disabled", sandbox: "Dropped, never back-filled (recorded as not delivered in the outbound log)." },
  { id: "A36", unknown: "Answer for an injected 5xx", sandbox: "Error envelope with code 13001 and the generic message \"An error has occurred. Please try again later.\"; an `expired-token` fault answers 403/11001." },
  { id: "A37", unknown: "Rate limits", sandbox: "None; inject a `status` 429 fault to test them." },
  { id: "A38", unknown: "Live payment page", sandbox: "Also simulated, with the same test holder names (the sandbox has no real processor)." },
  { id: "A39", unknown: "Card checks in detail", sandbox: "Spaces/dashes allowed in the number; expiry valid through the end of its month (UTC, sandbox clock); Amex = numbers starting 34 or 37." },
  { id: "A40", unknown: "POS payments, terminals, magic amounts", sandbox: "Not implemented (out of scope for the card provider)." },
  { id: "A41", unknown: "Refunds the merchant makes in Avirato's dashboard", sandbox: "Reported by the same `REFUND` / `REFUND_FAILED` webhook as one asked through the API, carrying the payment's `customReference` and a new `modificationReference` (the control `refundInDashboard`). The plugin tells the admin of a successful one that Medusa neither recorded nor awaits an answer for; if Avirato sends no webhook for dashboard refunds, Medusa never learns of them." },
  { id: "A42", unknown: "Pre-authorisations the merchant cancels in Avirato's dashboard", sandbox: "Reported by the same `CANCELLATION` webhook as a cancel asked through the API, with a new `modificationReference` (the control `cancelInDashboard`). The plugin tells the admin of a successful one for a payment Medusa holds open (neither it nor its order cancelled, no cancellation of Medusa's awaiting it): capturing it will fail. If Avirato sends no webhook for dashboard cancellations, the admin learns of it only when the capture fails." },
] as const satisfies readonly VendorAssumption[]

export type AviratoAssumptionId = (typeof AVIRATO_ASSUMPTIONS)[number]["id"]
