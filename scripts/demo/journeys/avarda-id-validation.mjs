// Avarda asks for electronic ID (HTTP 202): the shopper is redirected to the ID-validation page,
// identifies, and comes back through the plugin's public return route to the storefront's success page.
import journeyChecks from "../journey-checks.js"
import { AVARDA_PROVIDERS, checkAuthorizedWith, startAvardaSession, swedishCart } from "../avarda-checkout.mjs"
import { followRedirect, submitPageForm } from "../sandbox-client.mjs"
import { completeCart } from "../store-checkout.mjs"

const { check, checkStatus, checkEqual } = journeyChecks

export default {
  method: "Avarda ID validation (redirect, identified)",
  requires: [AVARDA_PROVIDERS.invoice],
  async run({ store, admin, seed, sandbox, backendUrl }) {
    const cart = await swedishCart(store, seed)
    const started = checkStatus(
      await startAvardaSession(store, cart, { provider_id: AVARDA_PROVIDERS.invoice, personal_id_number: sandbox.testIdentities.SE.idValidationRequired }),
      200,
      "start Avarda payment"
    )
    checkEqual(started.next_action?.type, "redirect", "Avarda's answer (ID validation needed)")
    check(started.next_action.url?.startsWith(sandbox.origin), `redirect URL ${started.next_action.url} is not Avarda's (sandbox) page`)
    check((await completeCart(store, cart)).status >= 400, "the cart completed before the shopper identified")

    const callback = await submitPageForm(started.next_action.url, { action: "identify" }, "Avarda ID-validation page")
    check(callback.startsWith(`${backendUrl}/avarda/id-validation/return`), `Avarda sent the shopper to ${callback}, not to the plugin's return route`)
    const landing = await followRedirect(callback, "ID-validation return route")
    const orderId = landing.searchParams.get("order_id")
    check(orderId, `the shopper landed on ${landing.origin}${landing.pathname}?${landing.searchParams} without an order`)
    await checkAuthorizedWith(admin, orderId, AVARDA_PROVIDERS.invoice)
    return { outcome: "redirected to ID validation, identified, returned: order authorized", orderId }
  },
}
