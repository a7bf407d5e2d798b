/**
 * What the plugin and the sandbox assume about Avarda where its documentation is silent, one row per
 * behaviour. This list is the single source: docs/sandbox-avarda.md#assumptions is generated from it
 * (`npm run assumptions:docs`) and the go-live check (`avarda-avirato-verify`) ties each of its checks
 * to one of these ids. `U` ids are the spec's numbered unknowns, `D` ids details its sections leave open.
 */
import type { VendorAssumption } from "./vendor-assumption"

export const AVARDA_ASSUMPTIONS = [
  { id: "U1", unknown: "Part-payment path `part-payment` vs Magento's `partpayment`", sandbox: "Only the documented `authorization/part-payment` exists (`partpayment` → 404); `accountClassCode` required there." },
  { id: "U2", unknown: "No market/currency field; which market's formats apply", sandbox: "Market = `invoicingAddress.country` if DK/FI/NO/SE, else `userLanguageCode` (208/246/578/752), else the format of the personal number; currency from the market." },
  { id: "U3", unknown: "Same credentials for Authorization API and My Pages?", sandbox: "One pair (`clientId`/`clientSecret`) works for both; the tokens are separate and not interchangeable." },
  { id: "U4", unknown: "My Pages `purchaseId` of an Authorization-API purchase", sandbox: "The `authorizationId` (with dashes, matched case-insensitively); CheckOut2: `ExternalId`." },
  { id: "U5", unknown: "`GET authorization/{id}` before ID validation finished", sandbox: "200 `{inBackOffice: false, authorizationId, request}` without `status`." },
  { id: "U6", unknown: "ID-validation time-out; life of an approved but uncaptured reservation", sandbox: "`idValidationTimeoutMs` (default 15 min) → status 2, errorCode 50; an approved reservation never expires. The plugin assumes (\"capture within a few weeks\") that it lapses 14 days after the plugin saw it approved, with no call to extend it: the order panel shows that date and warns, and the admin is notified, before it." },
  { id: "U7", unknown: "Several partial captures; over-capture tolerance", sandbox: "Any number of `/order` calls while the sum ≤ authorized amount; no tolerance (also none for CheckOut2 PurchaseOrder)." },
  { id: "U8", unknown: "Releasing the uncaptured rest (Authorization API)", sandbox: "Not possible; cancel refused after any capture (CheckOut2 has RefundRemaining)." },
  { id: "U9", unknown: "`amount` with `quantity` > 1", sandbox: "`amount` and `taxAmount` are per unit and multiplied by `quantity`." },
  { id: "U10", unknown: "Error bodies of `/order`, `/return`", sandbox: "HTTP 422 with the PascalCase array of the cancel page; codes other than 10005 are the sandbox's (table above)." },
  { id: "U11", unknown: "`tranId` idempotency", sandbox: "Same `tranId` on the same authorization and operation = applied once, answered 200 again (even if the body differs). Same for CheckOut2 `TranId`." },
  { id: "U12", unknown: "`orderReference` length on order management", sandbox: "≤ 50 (as on create)." },
  { id: "U13", unknown: "Numbers as JSON numbers or strings", sandbox: "Both accepted (ASP.NET web defaults); \"≤ 2 decimals\" counts significant decimals of the exact text (`10.100` passes, `1.0000000000000001` fails)." },
  { id: "U14", unknown: "`country` on addresses", sandbox: "Accepted (ISO alpha-2) and used for the market; not required." },
  { id: "U15", unknown: "`status` string or number", sandbox: "Number." },
  { id: "U16", unknown: "`forced` in 202", sandbox: "Always `false`." },
  { id: "U17", unknown: "Server notification for My Pages payments", sandbox: "None; `/Pay/Status` is the only signal." },
  { id: "U18", unknown: "My Pages `language`", sandbox: "Any JSON value accepted and stored." },
  { id: "U19", unknown: "My Pages error bodies", sandbox: "400 ValidationProblemDetails (keys = header/field names), 401 bare bearer challenge (token) or ProblemDetails (bad client credentials), 404 ProblemDetails (unknown purchase / account / payment)." },
  { id: "U20", unknown: "B2B", sandbox: "Authorization API has no B2B fields; CheckOut2 `IsB2B: true` → \"Checkout site is not allowed to work with B2b.\"" },
  { id: "U21", unknown: "Latency", sandbox: "Answers immediately; use fault injection for latency." },
  {
    id: "U22",
    unknown:
      "Whether the Authorization API's client id and secret get a Checkout 3.0 partner token (`checkout-api …/api/partner/tokens`) that the payment-widget init endpoint (`…/api/paymentwidget/partner/init`) accepts",
    sandbox:
      "Assumed yes, so the widget is an opt-in option. The sandbox's checkout API issues its own partner token for the sandbox's one credential pair, and `GET …/api/paymentwidget/partner/init` with that bearer token answers 200 `{paymentId, widgetJwt, expiredUtc}`.",
  },
  { id: "U23", unknown: "Case-sensitivity of paths", sandbox: "All Avarda paths match case-insensitively." },
  { id: "U24", unknown: "`/Accounts` list vs detail; `purchaseId` location", sandbox: "Query parameter; list = summaries (`id, currency, balance, type, dueDate, accountDate, state, paymentReference, purchaseId, minimumAmountToPay, originalAmount`), `/{id}` = the full Accounts-page schema incl. `transactions`, `aprData`." },
  { id: "D1", unknown: "OAuth2 error bodies", sandbox: "`{error, error_description, error_codes, timestamp, trace_id, correlation_id}`: missing parameters 400 `invalid_request`, other grant 400 `unsupported_grant_type`, unknown client 400 `unauthorized_client`, wrong secret 401 `invalid_client`. `resource` = `https://authorization-api.avarda.com`." },
  { id: "D2", unknown: "401 on bad/expired token", sandbox: "Empty body, `WWW-Authenticate: Bearer` (`error=\"invalid_token\"`, \"The token expired at …\")." },
  { id: "D3", unknown: "Exact 400 texts and keys", sandbox: "ASP.NET DataAnnotations wording and model-state keys (see above); the sandbox's own texts for format rules. Type errors alone first." },
  { id: "D4", unknown: "e-mail format", sandbox: "Checked as credit rejection 422 errorCode 7 (the documented code), not as a 400. SSN format is a 400; a well-formed but \"invalid\" number is 422 errorCode 5 (test identity)." },
  { id: "D5", unknown: "Which statuses 51/52 get", sandbox: "Status 1 (rejected). 100/101 (technical) → status 3. 700 in mock mode → errorCode 1." },
  { id: "D6", unknown: "`creditLimit` value", sandbox: "The market's sandbox credit limit (not the order total)." },
  { id: "D7", unknown: "`inBackOffice` for statuses ≠ 0; after cancel", sandbox: "Always false for ≠ 0. A cancelled authorization keeps status 0 (no documented status for a merchant cancel); order management then answers 10014." },
  { id: "D8", unknown: "`GET` of an unknown id", sandbox: "404 ProblemDetails." },
  { id: "D9", unknown: "Cancel before `inBackOffice`, while pending, twice", sandbox: "Refused with 10011 before `inBackOffice`, 10010 unless approved; a second cancel answers 200." },
  { id: "D10", unknown: "Late visit to the ID page; no callback URL", sandbox: "Redirect with the standing result (timeout → `errorCode=50`); without any callback URL an HTML result page." },
  { id: "D11", unknown: "HTTP status of CheckOut2 errors", sandbox: "Validation and credit rejection 400, technical 500; validation errors use ErrorCode 30100, technical 30900 / 30901 (sandbox codes)." },
  { id: "D12", unknown: "Conflicting limits in the CheckOut2 list", sandbox: "ZIP ≤ 10 (error list, not the table's 6); names ≤ 40 (the \"between 0 and 100\" and \"Number of notes characters exceeded\" and \"Site has no invoice account class associated.\" messages are never produced). Phone length counts no white space. Price must equal the item sum (< sum or ≤ 0 → the \"must be either 0…\" message, > sum → \"Total price is not equal…\")." },
  { id: "D13", unknown: "`UserLanguageCode` per method", sandbox: "Invoice: en-US, sv-SE, fi-FI; direct invoice, loan, part payment also da-DK, nb-NO." },
  { id: "D14", unknown: "Loan / part-payment EID fields", sandbox: "`PaymentTerms` required (value not restricted). Items have no quantity." },
  { id: "D15", unknown: "Electronic-ID outcome states", sandbox: "Waiting 7, OK 2, Cancel 8, failing identity 3 (returns `status=Cancel`), time-out 5." },
  { id: "D16", unknown: "GetPaymentStatus fields", sandbox: "Those read by Avarda's Checkout-2 module; `PaymentMethod` 0 for invoice and direct invoice, 1 loan, 4 part payment." },
  { id: "D17", unknown: "Refund before any PurchaseOrder", sandbox: "Refused (10013): only invoiced money can be refunded; RefundRemaining releases the rest." },
  { id: "D18", unknown: "Which accounts a 202 protects", sandbox: "`/Accounts` when the shopper has a Loan/LargeAmountLoan; `/Accounts/{id}` of such an account. `/Invoices` never. Authentication is per (provider, customerAuthToken, shopper) and does not expire." },
  { id: "D19", unknown: "Monthly invoices", sandbox: "One invoice per purchase (no monthly aggregation); a partial payment leaves the invoice `Unpaid` with a lower balance (no roll-over into a loan)." },
  { id: "D20", unknown: "Amounts, terms and fees of derived accounts", sandbox: "As listed under \"Derivation\" above (all sandbox choices)." },
  { id: "D21", unknown: "Pay session lifetime; custom amounts", sandbox: "30 minutes; custom amount between `minimumAmountToPay` and the balance." },
  { id: "D22", unknown: "Whether completed strong authentication proves the person behind the purchase", sandbox: "\"Identify\" on the strong-authentication page authenticates that `customerAuthToken` for the shopper of the purchase id (a real identification page accepts only that person); a token never seen before gets 202 while the shopper has a loan, the data once identified. No callback: the plugin sees the proof on the customer's next call. No identification is offered for invoice-only shoppers." },
  { id: "D23", unknown: "Whose accounts `/Pay` and `/Pay/Status` accept (no `purchaseId`)", sandbox: "Any existing account id, whatever the customer headers: the plugin itself pays and polls only accounts of the customer's proven person." },
  { id: "D24", unknown: "A refund re-sent with its tranId / TranId but another amount (the first answer was lost)", sandbox: "Avarda applies an id once and keeps the first amount (the repeat is answered as done). The plugin's one rule on both APIs: a refund without a readable answer stays in Medusa, unconfirmed, for its amount and id, and the reconciliation job re-sends exactly it; the admin's next refund, of any amount, is a new refund under its own id (Medusa's refund id), never a retry of the first; unconfirmed refunds count as refunded, so no more than was captured is ever refunded." },
  { id: "D25", unknown: "A TranId sent again after Avarda refused the call that carried it", sandbox: "Only applied calls hold their TranId: a refused one sent again is judged afresh (applied, or refused again). The plugin relies on it when the admin asks Avarda again for a Standalone rest it refused to release (`RefundRemaining` with the payment's TranId); were Avarda to repeat its first refusal instead, the admin is told it was refused and releases the rest in the merchant portal, and nothing is released twice either way." },
] as const satisfies readonly VendorAssumption[]

export type AvardaAssumptionId = (typeof AVARDA_ASSUMPTIONS)[number]["id"]
