// Part payment: the shopper picks an instalment term; the credit request carries it.
import journeyChecks from "../journey-checks.js"
import { AVARDA_PROVIDERS, checkAuthorizedWith, placeApprovedAvardaOrder } from "../avarda-checkout.mjs"

const { check } = journeyChecks

const TERM_MONTHS = 24

export default {
  method: "Avarda part payment (24 months)",
  requires: [AVARDA_PROVIDERS.partPayment],
  async run({ store, admin, seed, sandbox }) {
    const { order } = await placeApprovedAvardaOrder(store, seed, sandbox.testIdentities.SE.approved, {
      providerId: AVARDA_PROVIDERS.partPayment,
      paymentTerms: TERM_MONTHS,
      quantity: 3,
    })
    const { payment } = await checkAuthorizedWith(admin, order.id, AVARDA_PROVIDERS.partPayment)
    const requests = await sandbox.client.journal("avarda.authorization.create.part-payment")
    const sent = requests.find((r) => r.status === 201 && String(r.responseBody?.authorizationId ?? "").toLowerCase() === String(payment.data.authorization_id).toLowerCase())
      ?? requests.filter((r) => r.status === 201).at(-1)
    check(sent, "Avarda received no approved part-payment request")
    check(Number(sent.body?.paymentTerms) === TERM_MONTHS, `the credit request asked for ${sent.body?.paymentTerms} months, not ${TERM_MONTHS}`)
    return { outcome: `approved for ${TERM_MONTHS} months, order authorized (${order.total} SEK)`, orderId: order.id }
  },
}
