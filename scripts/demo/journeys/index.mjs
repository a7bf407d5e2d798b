// The demo's shopper journeys, in the order the table shows them. Each declares the payment
// providers it needs; a journey whose provider is not registered is reported as not available
// (and counts as not passed).
import manualPayment from "./manual-payment.mjs"
import avardaInvoiceApproved from "./avarda-invoice-approved.mjs"
import avardaIdValidation from "./avarda-id-validation.mjs"
import avardaRejected from "./avarda-rejected.mjs"
import avardaPartPayment from "./avarda-part-payment.mjs"
import standaloneInvoice from "./standalone-credit-invoice.mjs"
import aviratoCardPaid from "./avirato-card-paid.mjs"
import aviratoDeclined from "./avirato-declined.mjs"
import aviratoPreauthCaptureOnShipment from "./avirato-preauth-capture-on-shipment.mjs"
import aviratoPartialRefund from "./avirato-partial-refund.mjs"
import avardaMyPages from "./avarda-my-pages.mjs"

export const JOURNEYS = [
  manualPayment,
  avardaInvoiceApproved,
  avardaIdValidation,
  avardaRejected,
  avardaPartPayment,
  standaloneInvoice,
  aviratoCardPaid,
  aviratoDeclined,
  aviratoPreauthCaptureOnShipment,
  aviratoPartialRefund,
  avardaMyPages,
]
