import { paymentPanelView, type PanelPaymentRow } from "../payment-panel-view"

const base: PanelPaymentRow = {
  id: "pay_1",
  provider_id: "pp_avarda-invoice_avarda",
  amount: 1047,
  currency_code: "sek",
  created_at: "2024-01-01T10:00:00.000Z",
  data: {},
  captures: [],
  refunds: [],
}

describe("paymentPanelView", () => {
  it.each([
    ["pp_avarda-invoice_avarda", {}, "Avarda", "Invoice"],
    ["pp_avarda-part-payment_avarda", {}, "Avarda", "Part payment"],
    ["pp_avarda-loan_avarda", {}, "Avarda", "Loan"],
    ["pp_avarda-direct-invoice_avarda", {}, "Avarda", "Direct invoice"],
    ["pp_avarda-standalone-invoice_avarda-standalone", {}, "Avarda", "Invoice (Standalone Credit)"],
    ["pp_avirato-card_avirato", { mode: "auto" }, "Avirato", "Card"],
    ["pp_avirato-card_avirato", { mode: "preauth" }, "Avirato", "Card (pre-authorisation)"],
  ])("%s → %s / %s", (providerId, data, vendor, method) => {
    expect(paymentPanelView({ ...base, provider_id: providerId, data })).toMatchObject({ vendor, method })
  })

  it("shows Avarda's ids and decision", () => {
    const view = paymentPanelView({
      ...base,
      data: {
        authorization_id: "3b1c-auth",
        order_reference: "payses_1",
        decision: { outcome: "approved", credit_limit: 50000, checked_at: "x" },
        secret_thing: "not shown",
      },
    })
    expect(view.references).toEqual([
      { label: "Authorization id", value: "3b1c-auth" },
      { label: "Order reference", value: "payses_1" },
    ])
    // A credit limit an earlier version kept is not shown (it is the person's financial data).
    expect(view.decision).toEqual({ label: "Approved", tone: "green", detail: null })
    expect(JSON.stringify(view)).not.toContain("not shown")
  })

  it.each([
    [{ decision: { outcome: "rejected", message: "Kredit nekad", error_code: 1 } }, { label: "Rejected", tone: "red", detail: "Kredit nekad · code 1" }],
    [{ decision: { outcome: "pending_id_validation" } }, { label: "Waiting for ID validation", tone: "orange", detail: null }],
    [{ decision: { outcome: "something_new" } }, { label: "something_new", tone: "grey", detail: null }],
    [{}, null],
  ])("Avarda decision %j", (data, decision) => {
    expect(paymentPanelView({ ...base, data }).decision).toEqual(decision)
  })

  it("sums captures and refunds exactly and lists the history in time order", () => {
    const view = paymentPanelView({
      ...base,
      amount: 0.3,
      raw_amount: { value: "0.3" },
      captures: [
        { id: "capt_2", amount: 0.2, created_at: "2024-01-03T00:00:00.000Z", created_by: "user_1" },
        { id: "capt_1", amount: 0.1, created_at: "2024-01-02T00:00:00.000Z" },
      ],
      refunds: [{ id: "ref_1", amount: 0.1, raw_amount: { value: "0.1" }, created_at: "2024-01-04T00:00:00.000Z", note: "Returned socks" }],
      canceled_at: null,
    })
    expect(view.authorized_amount).toBe(0.3)
    expect(view.captured_amount).toBe(0.3)
    expect(view.refunded_amount).toBe(0.1)
    expect(view.history.map((h) => [h.kind, h.amount, h.note])).toEqual([
      ["authorized", 0.3, null],
      ["captured", 0.1, null],
      ["captured", 0.2, "by user_1"],
      ["refunded", 0.1, "Returned socks"],
    ])
  })

  it("offers Extend only for an open Avirato pre-authorisation", () => {
    const preauth = { ...base, provider_id: "pp_avirato-card_avirato", currency_code: "eur", data: { mode: "preauth", payment_reference: "PSP1", avirato_session_id: "ses_1", session_status: "completed" } }
    const open = paymentPanelView(preauth)
    expect(open).toMatchObject({
      can_extend: true,
      extend_path: "/admin/avirato/payments/pay_1/extend",
      // Medusa says Authorized until the pre-authorisation is captured; Avirato's side says what it holds.
      status: { label: "Authorized", tone: "orange" },
      decision: { label: "Pre-authorised", tone: "green" },
      references: [
        { label: "Session id", value: "ses_1" },
        { label: "Payment reference", value: "PSP1" },
      ],
    })
    expect(paymentPanelView({ ...preauth, captures: [{ id: "c", amount: 10 }] })).toMatchObject({ can_extend: false, extend_path: null })
    expect(paymentPanelView({ ...preauth, canceled_at: "2024-01-02T00:00:00Z" }).can_extend).toBe(false)
    expect(paymentPanelView({ ...preauth, data: { ...preauth.data, mode: "auto" } }).can_extend).toBe(false)
    expect(paymentPanelView(base).can_extend).toBe(false)
  })

  it("an auto-captured card payment is Paid at Avirato", () => {
    const view = paymentPanelView({ ...base, provider_id: "pp_avirato-card_avirato", data: { mode: "auto", session_status: "completed" }, captures: [{ id: "c", amount: 1047 }] })
    expect(view).toMatchObject({ status: { label: "Captured", tone: "green" }, decision: { label: "Paid", tone: "green" } })
  })

  it.each([
    ["nothing captured", {}, { label: "Authorized", tone: "orange" }],
    ["part captured", { captures: [{ id: "c1", amount: 500 }] }, { label: "Partially captured", tone: "orange" }],
    ["all captured", { captures: [{ id: "c1", amount: 500 }, { id: "c2", amount: 547 }] }, { label: "Captured", tone: "green" }],
    ["part refunded", { captures: [{ id: "c1", amount: 1047 }], refunds: [{ id: "r1", amount: 100 }] }, { label: "Partially refunded", tone: "orange" }],
    ["all refunded", { captures: [{ id: "c1", amount: 1047 }], refunds: [{ id: "r1", amount: 1047 }] }, { label: "Refunded", tone: "red" }],
    ["canceled", { canceled_at: "2024-01-02T00:00:00Z" }, { label: "Canceled", tone: "red" }],
  ])("the badge is Medusa's status of the payment: %s", (_name, change, status) => {
    expect(paymentPanelView({ ...base, ...change }).status).toEqual(status)
  })

  it("lists Avirato extensions with their amounts in major units", () => {
    const view = paymentPanelView({
      ...base,
      provider_id: "pp_avirato-card_avirato",
      currency_code: "eur",
      data: { mode: "preauth", extensions: [{ idempotency_key: "k", amount: 4550, status: "succeeded", requested_at: "2024-01-05T00:00:00.000Z" }] },
    })
    expect(view.history.at(-1)).toEqual({ at: "2024-01-05T00:00:00.000Z", kind: "extended", amount: 45.5, note: "Extension succeeded" })
  })

  it("keeps in the history what Avirato reported as failed after Medusa recorded it as done, with what to do", () => {
    const record = (idempotency_key: string, status: string, extra: Record<string, unknown> = {}) => ({ idempotency_key, amount: 1000, status, requested_at: "2024-01-05T00:00:00.000Z", ...extra })
    const view = paymentPanelView({
      ...base,
      provider_id: "pp_avirato-card_avirato",
      currency_code: "eur",
      data: {
        mode: "preauth",
        captures: [record("capt_1", "succeeded")],
        refunds: [record("ref_1", "failed", { settled_at: "2024-01-06T00:00:00.000Z", failure_reason: "Insufficient balance" }), record("ref_2", "requested")],
        cancellations: [record("pay_1", "failed", { amount: undefined })],
        extensions: [record("ext_1", "failed")],
      },
    })
    const failed = view.history.filter((entry) => entry.kind === "failed_at_vendor")
    expect(failed).toEqual([
      { at: "2024-01-06T00:00:00.000Z", kind: "failed_at_vendor", amount: 10, note: "Refund failed at Avirato (Insufficient balance). Medusa records the refund, but the customer has not been paid back: refund them another way." },
      { at: "2024-01-05T00:00:00.000Z", kind: "failed_at_vendor", amount: null, note: "Cancellation failed at Avirato. The authorisation is still open at Avirato: cancel it in the Avirato dashboard." },
    ].sort((a, b) => a.at.localeCompare(b.at)))
    // A failed extension is in the history once, as an extension.
    expect(view.history.filter((entry) => entry.kind === "extended")).toEqual([expect.objectContaining({ note: "Extension failed" })])
    // Avarda's histories are not Avirato's: nothing of the kind.
    expect(paymentPanelView({ ...base, data: { refunds: [record("r", "failed")] } }).history.some((entry) => entry.kind === "failed_at_vendor")).toBe(false)
  })

  describe("authorization expiry", () => {
    const preauth: PanelPaymentRow = {
      ...base,
      provider_id: "pp_avirato-card_avirato",
      currency_code: "eur",
      data: { mode: "preauth", payment_reference: "PSP1", authorization_expires_at: "2024-01-08T10:00:00.000Z", extensions: [] },
    }
    const avarda: PanelPaymentRow = { ...base, data: { vendor: "avarda-authorization-api", amount_minor: 104700, captures: [], authorization_expires_at: "2024-01-15T10:00:00.000Z" } }
    const on = (iso: string, warningDays?: number) => ({ now: new Date(iso), ...(warningDays ? { warningDays: () => warningDays } : {}) })

    it("shows no expiry when the payment data records none", () => {
      expect(paymentPanelView(base)).toMatchObject({ expires_at: null, expiry_state: null, expiry_warning: null })
    })

    it("shows the expiry without a warning while it is far", () => {
      expect(paymentPanelView(preauth, on("2024-01-02T10:00:00.000Z"))).toMatchObject({ expires_at: "2024-01-08T10:00:00.000Z", expiry_state: "ok", expiry_warning: null })
    })

    it("warns inside the lead, offering Extend for Avirato with a key for the extension shown", () => {
      expect(paymentPanelView(preauth, on("2024-01-06T10:00:00.000Z"))).toMatchObject({
        expiry_state: "near",
        expiry_warning: "The Avirato pre-authorisation lapses at 2024-01-08 10:00 UTC: capture or extend it before then.",
        extendable: true,
        can_extend: true,
        extend_key: "extend:pay_1:1",
      })
      const extendedOnce = { ...preauth, data: { ...preauth.data, extensions: [{ idempotency_key: "extend:pay_1:1", status: "succeeded", requested_at: "2024-01-06T00:00:00.000Z" }] } }
      expect(paymentPanelView(extendedOnce, on("2024-01-06T10:00:00.000Z")).extend_key).toBe("extend:pay_1:2")
    })

    it("follows the lead from the settings", () => {
      expect(paymentPanelView(preauth, on("2024-01-04T10:00:00.000Z")).expiry_state).toBe("ok")
      expect(paymentPanelView(preauth, on("2024-01-04T10:00:00.000Z", 5)).expiry_state).toBe("near")
    })

    it("tells the admin an Avarda authorization cannot be extended", () => {
      expect(paymentPanelView(avarda, on("2024-01-14T10:00:00.000Z"))).toMatchObject({
        expiry_state: "near",
        expiry_warning: "The Avarda authorization lapses at 2024-01-15 10:00 UTC and cannot be extended: capture before then.",
        extendable: false,
        can_extend: false,
        extend_key: null,
      })
    })

    it("says when it has lapsed", () => {
      expect(paymentPanelView(avarda, on("2024-01-16T10:00:00.000Z"))).toMatchObject({ expiry_state: "expired", expiry_warning: expect.stringContaining("assumed to have lapsed") })
    })

    it("shows nothing to lapse once captured or cancelled", () => {
      const later = on("2024-01-07T10:00:00.000Z")
      expect(paymentPanelView({ ...preauth, captures: [{ id: "c", amount: 10 }] }, later)).toMatchObject({ expires_at: null, expiry_warning: null })
      expect(paymentPanelView({ ...preauth, canceled_at: "2024-01-03T00:00:00Z" }, later)).toMatchObject({ expires_at: null, expiry_warning: null })
      expect(paymentPanelView({ ...avarda, captures: [{ id: "c", amount: 1047 }] }, on("2024-01-14T10:00:00.000Z"))).toMatchObject({ expires_at: null })
    })
  })
})

describe("the attention list", () => {
  it("lists the open captures needing attention with their one action, and the resolved ones in the history", () => {
    const open = { id: "exceeds-ful_1", kind: "shipment_exceeds_remaining", reason: "shipment ful_1 is worth more than is left to capture", order_reference: "1001", expected_minor: 99800, left_minor: 44700, fulfillment_id: "ful_1", created_at: "2024-01-02T00:00:00.000Z", resolved_at: null, resolved_by: null, resolution: null }
    const resolved = { ...open, id: "gift-cards-ful_0", kind: "gift_cards_cover_shipment", gift_cards_minor: 60000, resolved_at: "2024-01-03T00:00:00.000Z", resolution: "marked resolved" }
    const view = paymentPanelView({ ...base, data: { capture_attention: [open, resolved, { id: 7 }] } })
    expect(view.capture_attention).toEqual([
      {
        id: "exceeds-ful_1",
        kind: "shipment_exceeds_remaining",
        reason: "shipment ful_1 is worth more than is left to capture",
        fulfillment_id: "ful_1",
        expected_amount: 998,
        left_amount: 447,
        gift_cards_amount: null,
        created_at: "2024-01-02T00:00:00.000Z",
        action: { id: "capture_remaining", label: "Capture the remaining amount", path: "/admin/avarda-avirato/payments/pay_1/capture-attention/exceeds-ful_1/resolve" },
      },
    ])
    expect(view.history.at(-1)).toEqual({ at: "2024-01-03T00:00:00.000Z", kind: "attention_resolved", amount: null, note: "marked resolved" })
    expect(paymentPanelView(base).capture_attention).toEqual([])
  })
})

describe("after the order's cancellation", () => {
  const count = { attempts: 3, since: "2024-01-02T10:00:00.000Z", last_attempt_at: "2024-01-02T10:06:00.000Z", last_error: "Avarda answered 500", notified_at: "2024-01-02T10:00:01.000Z" }
  const captured = { captures: [{ id: "cap_1", amount: 1047 }] }

  it("shows nothing for a payment the cancellation settled", () => {
    expect(paymentPanelView(base).after_cancellation).toEqual([])
  })

  it("shows a cancel the job keeps trying while the payment is open, with the count", () => {
    expect(paymentPanelView({ ...base, data: { order_cancel_failure: count } }).after_cancellation).toEqual([
      {
        kind: "cancel_retrying",
        severity: "warning",
        title: "Not released at Avarda yet",
        detail: expect.stringContaining("The reconciliation job keeps trying."),
        attempts: 3,
        since: "2024-01-02T10:00:00.000Z",
        last_error: "Avarda answered 500",
        next_attempt_at: null,
        action: null,
      },
    ])
    // Once cancelled (or captured meanwhile), the count left in the data is history, not work.
    expect(paymentPanelView({ ...base, canceled_at: "2024-01-02T11:00:00.000Z", data: { order_cancel_failure: count } }).after_cancellation).toEqual([])
    expect(paymentPanelView({ ...base, ...captured, data: { order_cancel_failure: count } }).after_cancellation).toEqual([])
  })

  it("shows a refund the job keeps trying, with when it tries again (2, 4, 8 … minutes after the last attempt)", () => {
    const view = paymentPanelView({ ...base, provider_id: "pp_avirato-card_avirato", currency_code: "eur", ...captured, data: { canceled_order_refund_failure: count } })
    expect(view.after_cancellation).toEqual([
      expect.objectContaining({ kind: "refund_retrying", severity: "warning", title: "Not refunded yet after the order's cancellation", attempts: 3, last_error: "Avarda answered 500", next_attempt_at: "2024-01-02T10:14:00.000Z" }),
    ])
  })

  it("shows a Standalone rest whose release failed and the job keeps trying, until it is released, recorded as not happening, or the payment cancelled", () => {
    const standalone = {
      ...base,
      ...captured,
      provider_id: "pp_avarda-standalone-invoice_avarda-standalone",
      data: {
        vendor: "avarda-standalone",
        purchase_id: "P1",
        currency_code: "sek",
        amount_minor: 104700,
        captures: [{ tran_id: "t1", amount_minor: 30000 }],
        remainder_release_requested_at: "2024-01-02T10:00:00.000Z",
        remainder_release_failure: { attempts: 2, since: "2024-01-02T10:00:00.000Z", last_attempt_at: "2024-01-02T10:01:00.000Z", last_error: "Avarda answered 503" },
      },
    }
    expect(paymentPanelView(standalone).after_cancellation).toEqual([
      {
        kind: "release_retrying",
        severity: "warning",
        title: "Undelivered rest not released at Avarda yet",
        detail: expect.stringContaining("The reconciliation job keeps trying"),
        attempts: 2,
        since: "2024-01-02T10:00:00.000Z",
        last_error: "Avarda answered 503",
        next_attempt_at: null,
        action: null,
      },
    ])
    const kinds = (change: Record<string, unknown>, payment: Record<string, unknown> = {}) =>
      paymentPanelView({ ...standalone, ...payment, data: { ...standalone.data, ...change } }).after_cancellation.map((f) => f.kind)
    expect(kinds({ remainder_released: { amount_minor: 74700, tran_id: "pay_1" } })).toEqual([])
    expect(kinds({ remainder_release_failed: { at: "2024-01-03T10:00:00.000Z", reason: "refused" } })).toEqual(["remainder_not_released"])
    expect(kinds({}, { canceled_at: "2024-01-03T10:00:00.000Z" })).toEqual([])
    expect(kinds({ captures: [{ tran_id: "t1", amount_minor: 104700 }] })).toEqual([])
    // Requested and no attempt failed yet: the first one is under way, nothing to show.
    expect(kinds({ remainder_release_failure: undefined })).toEqual([])
  })

  const askAgain = { label: "Ask Avarda again", path: "/admin/avarda-avirato/payments/pay_1/release-remainder" }
  it.each([
    ["the Authorization API's rest (Avarda has no call to release it)", {}, { uncaptured_remainder: { amount_minor: 74700, recorded_at: "2024-01-02T10:00:00.000Z", note: "Order cancelled after a partial capture: 747.00 SEK of the Avarda authorization were NOT released." } }, "747.00 SEK", null],
    [
      "a Standalone release that failed, which the admin can ask for again",
      {},
      { remainder_release_failed: { at: "2024-01-02T10:00:00.000Z", reason: "Avarda kept failing for 24 h" } },
      "(Avarda kept failing for 24 h); the reconciliation job does not ask Avarda again. Ask Avarda again here, or release it in Avarda's merchant portal.",
      askAgain,
    ],
    [
      "a Standalone release that failed on a payment cancelled since (released some other way)",
      { canceled_at: "2024-01-03T10:00:00.000Z" },
      { remainder_release_failed: { at: "2024-01-02T10:00:00.000Z", reason: "Avarda kept failing for 24 h" } },
      "does not ask Avarda again. Release it in Avarda's merchant portal.",
      null,
    ],
  ])("tells the admin to act on %s", (_case, payment, data, detail, action) => {
    expect(paymentPanelView({ ...base, ...captured, ...payment, data }).after_cancellation).toEqual([
      { kind: "remainder_not_released", severity: "error", title: "Undelivered rest not released at Avarda", detail: expect.stringContaining(detail), attempts: null, since: "2024-01-02T10:00:00.000Z", last_error: null, next_attempt_at: null, action },
    ])
  })

  it("ignores what is not a count the workflows wrote", () => {
    expect(paymentPanelView({ ...base, data: { order_cancel_failure: null, canceled_order_refund_failure: { attempts: "3" }, uncaptured_remainder: { note: "" } } }).after_cancellation).toEqual([])
  })
})

describe("unconfirmed vendor calls", () => {
  const call = { since: "2024-01-02T10:00:00.000Z", attempts: 2, last_error: "no answer within 10000 ms" }

  it("lists an Avirato refund that Avirato never answered, in major units", () => {
    const view = paymentPanelView({
      ...base,
      provider_id: "pp_avirato-card_avirato",
      currency_code: "eur",
      data: { refunds: [{ idempotency_key: "ref_1", amount: 1000, status: "requested", requested_at: "x", unconfirmed: call }, { idempotency_key: "ref_2", amount: 500, status: "succeeded", requested_at: "x" }] },
    })
    expect(view.unconfirmed_calls).toEqual([
      {
        operation: "refund",
        title: "Refund not confirmed by Avirato yet",
        detail: "Avirato did not answer it, so it may or may not have been made. The reconciliation job sends it again with the same key, which Avirato applies once, until Avirato answers.",
        amount: 10,
        since: call.since,
        attempts: 2,
        last_error: call.last_error,
        refused: false,
      },
    ])
  })

  it("lists every kind of Avarda call left unconfirmed, and says which one Avarda refused when it was sent again", () => {
    const view = paymentPanelView({
      ...base,
      provider_id: "pp_avarda-standalone-invoice_avarda-standalone",
      data: {
        captures: [{ tran_id: "t1", amount_minor: 54800, unconfirmed: call }, { tran_id: "t0", amount_minor: 100 }],
        returns: [{ tran_id: "t2", amount_minor: 49900, unconfirmed: { ...call, failed: true } }],
        refunds: [{ tran_id: "t3", amount_minor: 1000, unconfirmed: call }],
        remainder_released: { amount_minor: 44700, tran_id: "t4", unconfirmed: call },
        cancellation: { canceled_at: "x", reason: "y", unconfirmed: call },
      },
    })
    expect(view.unconfirmed_calls.map(({ title, amount, refused }) => [title, amount, refused])).toEqual([
      ["Capture not confirmed by Avarda yet", 548, false],
      ["Return refused by Avarda", 499, true],
      ["Refund not confirmed by Avarda yet", 10, false],
      ["Release of the rest not confirmed by Avarda yet", 447, false],
      ["Cancellation not confirmed by Avarda yet", null, false],
    ])
    expect(view.unconfirmed_calls[1]!.detail).toBe("Avarda refused it when it was sent again; nothing sends it any more. Check it with Avarda.")
    expect(paymentPanelView(base).unconfirmed_calls).toEqual([])
  })

  it("reads an Authorization API payment where that provider records its calls (its returns), and nothing for other providers", () => {
    const data = { captures: [{ tran_id: "t1", amount_minor: 100, unconfirmed: call }], returns: [{ tran_id: "t2", amount_minor: 200, unconfirmed: call }] }
    expect(paymentPanelView({ ...base, provider_id: "pp_avarda-invoice_avarda", data }).unconfirmed_calls.map(({ operation, amount }) => [operation, amount])).toEqual([["return", 2]])
    expect(paymentPanelView({ ...base, provider_id: "pp_system_default", data }).unconfirmed_calls).toEqual([])
  })
})
