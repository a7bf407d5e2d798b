import { computeWebhookSignature, WEBHOOK_RECEIPT_HEADER } from "../../../lib/avirato"
import { authenticateWebhook, authenticateWebhookAtReceipt } from "../core/webhook-authentication"

// A webhook is verified when it arrives (route middleware) and again when it is processed (Medusa's
// webhook subscriber, in the worker, possibly long after a queue backlog).
const options = {
  clientSecrets: ["current_client_secret", "previous_client_secret"],
  acceptUnsignedTestWebhooks: false,
  baseUrl: "http://localhost:4010/avirato/external/v1/test/",
}
const BODY = '{"event_code":"AUTHORISATION","success":true,"data":{"customReference":"payses_01"}}'
const SENT_AT = 1_780_000_000

function webhook(secret = options.clientSecrets[0], body = BODY, t = SENT_AT) {
  return {
    rawData: Buffer.from(body),
    headers: { "x-avirato-timestamp": String(t), "x-avirato-signature": `t=${t},v1=${computeWebhookSignature(secret, t, body)}` } as Record<string, unknown>,
  }
}

/** What the middleware does: verify at arrival, then overwrite the receipt header. */
function receive(payload: ReturnType<typeof webhook>, at: number) {
  const { authentication, receipt } = authenticateWebhookAtReceipt(payload, options, at)
  if (receipt) payload.headers[WEBHOOK_RECEIPT_HEADER] = receipt
  return authentication
}

describe("webhooks judged at receipt", () => {
  it("accepts a genuine webhook processed an hour after it was received (queue backlog)", () => {
    const payload = webhook()
    expect(receive(payload, SENT_AT + 2)).toMatchObject({ valid: true })
    expect(authenticateWebhook(payload, options, SENT_AT + 3600)).toMatchObject({ valid: true, timestamp: SENT_AT })
  })

  it("the same webhook without a receipt is stale when processed an hour later", () => {
    expect(authenticateWebhook(webhook(), options, SENT_AT + 3600)).toEqual({ valid: false, reason: "stale_timestamp" })
  })

  it("accepts a receipt stamped with the previous secret during a rotation", () => {
    const payload = webhook(options.clientSecrets[1])
    receive(payload, SENT_AT)
    const afterRotation = { ...options, clientSecrets: [options.clientSecrets[1]] }
    // A process still holding only the previous secret cannot verify a stamp made with the current one…
    expect(authenticateWebhook(payload, afterRotation, SENT_AT + 3600)).toEqual({ valid: false, reason: "stale_timestamp" })
    // …while one with both secrets (the rotation) can.
    expect(authenticateWebhook(payload, options, SENT_AT + 3600)).toMatchObject({ valid: true, secretIndex: 1 })
  })

  it("rejects a stale webhook at receipt even when it brings its own receipt header", () => {
    const payload = webhook()
    receive(payload, SENT_AT) // a genuine stamp from its first delivery, replayed later
    expect(receive(payload, SENT_AT + 3600)).toEqual({ valid: false, reason: "stale_timestamp" })
  })

  it("ignores a receipt forged without the secret, or moved from another webhook", () => {
    const forged = webhook()
    forged.headers[WEBHOOK_RECEIPT_HEADER] = `t=${SENT_AT},v1=${"0".repeat(64)}`
    expect(authenticateWebhook(forged, options, SENT_AT + 3600)).toEqual({ valid: false, reason: "stale_timestamp" })

    const genuine = webhook()
    receive(genuine, SENT_AT)
    const other = webhook(options.clientSecrets[0], BODY.replace("payses_01", "payses_02"), SENT_AT)
    other.headers[WEBHOOK_RECEIPT_HEADER] = genuine.headers[WEBHOOK_RECEIPT_HEADER]
    expect(authenticateWebhook(other, options, SENT_AT + 3600)).toEqual({ valid: false, reason: "stale_timestamp" })
  })

  it("does not trust a receipt time in the future of the processing", () => {
    const payload = webhook(options.clientSecrets[0], BODY, SENT_AT + 7200)
    receive(payload, SENT_AT + 7200)
    expect(authenticateWebhook(payload, options, SENT_AT)).toEqual({ valid: false, reason: "stale_timestamp" })
  })

  it("never stamps a forged or stale webhook", () => {
    expect(authenticateWebhookAtReceipt(webhook("an-attacker-guess"), options, SENT_AT)).toEqual({
      authentication: { valid: false, reason: "signature_mismatch" },
    })
    expect(authenticateWebhookAtReceipt(webhook(), options, SENT_AT + 301)).toEqual({ authentication: { valid: false, reason: "stale_timestamp" } })
  })
})
