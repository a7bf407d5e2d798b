import { verifyWebhookSignature } from "../webhook-signature"

// Expected HMACs were computed once with openssl, independently of the code under test, e.g.
//   printf '%s' '1719500000.<body>' | openssl dgst -sha256 -hmac whsec_current
const BODY =
  '{"event_code":"AUTHORISATION","success":true,"data":{"customReference":"payses_01","paymentStatus":"AUTHORISED"}}'
const T = 1719500000
const SIG_CURRENT = "031e7f9fa4cfc76ff0f210471e0eaaf3f6ecde19bcf146f5ae2772aa3baafa95"
const SIG_PREVIOUS = "0b990a5640907e0c742493c2d0812baf4243aed67f5d57942a2bd76af96ec644"
const SIG_EMPTY_OBJECT = "38c8da8f477edb50fa01e80030839bdfade6d8dd5a2050092b48a346d22a7bce"
// printf '%s' '1719500000.{"amount":"€5"}' | openssl dgst -sha256 -hmac 'clé-secrète'   (UTF-8 key and body)
const SIG_UTF8 = "0d540b28e124c6e0a3a1ff6bf0cd35013f2ba74dbd51654ceb58c22515330ab9"

const SECRETS = ["whsec_current", "whsec_previous"]

describe("verifyWebhookSignature", () => {
  const base = { rawBody: BODY, timestampHeader: String(T), secrets: SECRETS, now: T }

  it.each([
    ["current secret", { signatureHeader: `t=${T},v1=${SIG_CURRENT}` }, { valid: true, secretIndex: 0 }],
    ["previous secret (rotation)", { signatureHeader: `t=${T},v1=${SIG_PREVIOUS}` }, { valid: true, secretIndex: 1 }],
    ["raw body as Buffer", { rawBody: Buffer.from(BODY), signatureHeader: `t=${T},v1=${SIG_CURRENT}` }, { valid: true }],
    ["header as array", { signatureHeader: [`t=${T},v1=${SIG_CURRENT}`] }, { valid: true }],
    ["no X-Avirato-Timestamp header", { signatureHeader: `t=${T},v1=${SIG_CURRENT}`, timestampHeader: undefined }, { valid: true }],
    ["299 s late", { signatureHeader: `t=${T},v1=${SIG_CURRENT}`, now: T + 299 }, { valid: true }],
    ["300 s early", { signatureHeader: `t=${T},v1=${SIG_CURRENT}`, now: T - 300 }, { valid: true }],
    ["UTF-8 key and body", { rawBody: '{"amount":"€5"}', secrets: ["clé-secrète"], signatureHeader: `t=${T},v1=${SIG_UTF8}` }, { valid: true }],
    ["empty object body", { rawBody: "{}", signatureHeader: `t=${T},v1=${SIG_EMPTY_OBJECT}` }, { valid: true }],
  ])("accepts: %s", (_name, overrides, expected) => {
    expect(verifyWebhookSignature({ ...base, ...overrides })).toMatchObject(expected)
  })

  it.each([
    ["missing header", { signatureHeader: undefined }, "missing_signature"],
    ["uppercase hex", { signatureHeader: `t=${T},v1=${SIG_CURRENT.toUpperCase()}` }, "malformed_signature"],
    ["extra field", { signatureHeader: `t=${T},v1=${SIG_CURRENT},v0=abc` }, "malformed_signature"],
    ["swapped order", { signatureHeader: `v1=${SIG_CURRENT},t=${T}` }, "malformed_signature"],
    ["timestamp header differs from t", { signatureHeader: `t=${T},v1=${SIG_CURRENT}`, timestampHeader: String(T + 1) }, "timestamp_mismatch"],
    ["301 s late (stale)", { signatureHeader: `t=${T},v1=${SIG_CURRENT}`, now: T + 301 }, "stale_timestamp"],
    ["301 s in the future", { signatureHeader: `t=${T},v1=${SIG_CURRENT}`, now: T - 301 }, "stale_timestamp"],
    ["unknown secret only", { signatureHeader: `t=${T},v1=${SIG_CURRENT}`, secrets: ["whsec_other"] }, "signature_mismatch"],
    ["body changed by one byte", { rawBody: BODY.replace("payses_01", "payses_02"), signatureHeader: `t=${T},v1=${SIG_CURRENT}` }, "signature_mismatch"],
    ["re-serialised JSON (whitespace)", { rawBody: JSON.stringify(JSON.parse(BODY), null, 1), signatureHeader: `t=${T},v1=${SIG_CURRENT}` }, "signature_mismatch"],
    ["signature of another timestamp", { signatureHeader: `t=${T + 1},v1=${SIG_CURRENT}`, timestampHeader: String(T + 1) }, "signature_mismatch"],
    ["truncated signature", { signatureHeader: `t=${T},v1=${SIG_CURRENT.slice(0, 63)}` }, "signature_mismatch"],
    ["one hex digit too many", { signatureHeader: `t=${T},v1=${SIG_CURRENT}0` }, "signature_mismatch"],
    ["one byte too many", { signatureHeader: `t=${T},v1=${SIG_CURRENT}00` }, "signature_mismatch"],
    ["no secrets configured", { signatureHeader: `t=${T},v1=${SIG_CURRENT}`, secrets: [] }, "signature_mismatch"],
  ])("rejects: %s", (_name, overrides, reason) => {
    expect(verifyWebhookSignature({ ...base, ...overrides })).toEqual({ valid: false, reason })
  })
})
