import {
  AUTHORIZATION_LIFETIMES,
  authorizationExpiresAt,
  authorizationFamilyOf,
  authorizationSettled,
  DEFAULT_EXPIRY_WARNING_DAYS,
  expiryAdvice,
  expiryStatus,
  expiryWarningDaysFor,
  shouldNotifyExpiry,
  withAuthorizationExpiry,
  withExtendedAuthorization,
} from "../authorization-expiry"

const at = (iso: string) => new Date(iso)

describe("authorization expiry", () => {
  it.each([
    ["avirato-preauth", "2026-03-01T10:00:00.000Z", "2026-03-08T10:00:00.000Z"],
    ["avarda", "2026-03-01T10:00:00.000Z", "2026-03-15T10:00:00.000Z"],
    ["avarda-standalone", "2026-03-01T10:00:00.000Z", "2026-03-15T10:00:00.000Z"],
    // Across the spring daylight-saving change: lifetimes are exact days of UTC time.
    ["avirato-preauth", "2026-03-27T23:30:00.000Z", "2026-04-03T23:30:00.000Z"],
    ["avarda", "2026-12-25T00:00:00.000Z", "2027-01-08T00:00:00.000Z"],
  ] as const)("%s authorized at %s lapses at %s", (family, from, expected) => {
    expect(authorizationExpiresAt(family, at(from))).toBe(expected)
  })

  it("only Avirato's pre-authorisation can be extended", () => {
    expect(Object.entries(AUTHORIZATION_LIFETIMES).map(([family, l]) => [family, l.days, l.extendable])).toEqual([
      ["avirato-preauth", 7, true],
      ["avarda", 14, false],
      ["avarda-standalone", 14, false],
    ])
  })

  it.each([
    ["pp_avirato-card_avirato", { mode: "preauth" }, "avirato-preauth"],
    ["pp_avirato-card_avirato", { mode: "auto" }, undefined],
    ["pp_avarda-invoice_avarda", { vendor: "avarda-authorization-api" }, "avarda"],
    ["pp_avarda-standalone-loan_avarda-standalone", { vendor: "avarda-standalone" }, "avarda-standalone"],
    ["pp_avarda-invoice_avarda", {}, undefined],
    ["pp_system_default", { mode: "preauth" }, undefined],
  ])("family of %s %j → %s", (providerId, data, family) => {
    expect(authorizationFamilyOf(providerId, data)).toBe(family)
  })

  it("records the start and expiry once; a later read keeps them", () => {
    const first = withAuthorizationExpiry({ mode: "preauth" }, "avirato-preauth", at("2026-05-01T08:00:00.000Z"))
    expect(first).toEqual({ mode: "preauth", authorized_at: "2026-05-01T08:00:00.000Z", authorization_expires_at: "2026-05-08T08:00:00.000Z" })
    expect(withAuthorizationExpiry(first, "avirato-preauth", at("2026-05-03T08:00:00.000Z"))).toEqual(first)
    // A start recorded without an expiry (older data) is counted from that start, not from now.
    expect(withAuthorizationExpiry({ authorized_at: "2026-05-01T08:00:00.000Z" }, "avarda", at("2026-05-09T00:00:00.000Z")).authorization_expires_at).toBe(
      "2026-05-15T08:00:00.000Z"
    )
  })

  it("an extension gives a full lifetime from the moment it was made", () => {
    const data = { authorized_at: "2026-05-01T08:00:00.000Z", authorization_expires_at: "2026-05-08T08:00:00.000Z" }
    expect(withExtendedAuthorization(data, "avirato-preauth", at("2026-05-07T12:00:00.000Z")).authorization_expires_at).toBe("2026-05-14T12:00:00.000Z")
  })
})

describe("when the admin is warned", () => {
  const expires = "2026-06-10T12:00:00.000Z"
  it.each([
    ["three days before", "2026-06-07T12:00:00.000Z", 2, "ok"],
    ["one second before the lead", "2026-06-08T11:59:59.000Z", 2, "ok"],
    ["at the lead", "2026-06-08T12:00:00.000Z", 2, "near"],
    ["one hour before", "2026-06-10T11:00:00.000Z", 2, "near"],
    ["at the expiry", "2026-06-10T12:00:00.000Z", 2, "expired"],
    ["a week later", "2026-06-17T12:00:00.000Z", 2, "expired"],
    ["three days before, lead 5", "2026-06-07T12:00:00.000Z", 5, "near"],
    ["three days before, lead 1", "2026-06-07T12:00:00.000Z", 1, "ok"],
  ])("%s → %s", (_name, now, lead, state) => {
    expect(expiryStatus(expires, at(now), lead)?.state).toBe(state)
  })

  it("knows no state without a recorded expiry", () => {
    expect(expiryStatus(undefined, new Date())).toBeUndefined()
    expect(expiryStatus("not a date", new Date())).toBeUndefined()
  })

  const open = (data: Record<string, unknown>, settled = false) => ({ family: "avirato-preauth" as const, data, settled })
  it.each([
    ["near, never notified", open({ authorization_expires_at: expires }), true],
    ["near, notified for this expiry", open({ authorization_expires_at: expires, authorization_expiry_notified_for: expires }), false],
    ["near again after an extension (notified for the old expiry)", open({ authorization_expires_at: expires, authorization_expiry_notified_for: "2026-06-03T12:00:00.000Z" }), true],
    ["near but captured", open({ authorization_expires_at: expires }, true), false],
    ["not near yet", open({ authorization_expires_at: "2026-06-20T12:00:00.000Z" }), false],
    ["no expiry recorded", open({}), false],
    ["not an authorization that lapses", { family: undefined, data: { authorization_expires_at: expires }, settled: false }, false],
  ])("notify: %s", (_name, payment, expected) => {
    expect(shouldNotifyExpiry(payment, at("2026-06-09T12:00:00.000Z"), 2)).toBe(expected)
  })

  it("notifies a lapsed authorization once too", () => {
    expect(shouldNotifyExpiry(open({ authorization_expires_at: expires }), at("2026-06-11T00:00:00.000Z"))).toBe(true)
    expect(shouldNotifyExpiry(open({ authorization_expires_at: expires, authorization_expiry_notified_for: expires }), at("2026-06-11T00:00:00.000Z"))).toBe(false)
  })

  it("reads the lead per vendor from the plugin settings, 2 days by default", () => {
    const settings = { avarda: { expiryWarningDays: 5 }, avardaStandalone: {}, avirato: { expiryWarningDays: 1 } }
    expect([expiryWarningDaysFor("avarda", settings), expiryWarningDaysFor("avarda-standalone", settings), expiryWarningDaysFor("avirato-preauth", settings)]).toEqual([
      5,
      DEFAULT_EXPIRY_WARNING_DAYS,
      1,
    ])
    expect(DEFAULT_EXPIRY_WARNING_DAYS).toBe(2)
  })
})

describe("authorizationSettled", () => {
  it.each([
    ["Avirato, nothing done", "avirato-preauth", { captures: [], cancellations: [] }, {}, false],
    ["Avirato, a capture requested", "avirato-preauth", { captures: [{ status: "requested" }] }, {}, true],
    ["Avirato, only a failed capture", "avirato-preauth", { captures: [{ status: "failed" }] }, {}, false],
    ["Avirato, cancelled", "avirato-preauth", { cancellations: [{ status: "succeeded" }] }, {}, true],
    ["Avarda, part captured", "avarda", { amount_minor: 1000, captures: [{ amount_minor: 400 }] }, {}, false],
    ["Avarda, all captured", "avarda", { amount_minor: 1000, captures: [{ amount_minor: 400 }, { amount_minor: 600 }] }, {}, true],
    ["Avarda, cancelled", "avarda-standalone", { amount_minor: 1000, captures: [], cancellation: { canceled_at: "x" } }, {}, true],
    ["Medusa canceled the payment", "avarda", { amount_minor: 1000, captures: [] }, { canceled_at: "2026-01-01" }, true],
    ["Medusa captured the payment", "avarda", { amount_minor: 1000, captures: [] }, { captured_at: "2026-01-01" }, true],
  ] as const)("%s", (_name, family, data, payment, expected) => {
    expect(authorizationSettled(family, data as Record<string, unknown>, payment)).toBe(expected)
  })
})

describe("expiryAdvice", () => {
  const status = (state: "near" | "expired") => ({ state, expires_at: "2026-06-10T12:00:00.000Z", warn_from: "2026-06-08T12:00:00.000Z" })
  it.each([
    ["avirato-preauth", "near", "The Avirato pre-authorisation lapses at 2026-06-10 12:00 UTC: capture or extend it before then."],
    ["avarda", "near", "The Avarda authorization lapses at 2026-06-10 12:00 UTC and cannot be extended: capture before then."],
    ["avarda-standalone", "expired", "The Avarda authorization is assumed to have lapsed at 2026-06-10 12:00 UTC: capturing may fail."],
  ] as const)("%s %s", (family, state, text) => {
    expect(expiryAdvice(family, status(state))).toBe(text)
  })
})
