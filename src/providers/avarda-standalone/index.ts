import { ModuleProvider, Modules } from "@medusajs/framework/utils"
import { AvardaStandaloneDirectInvoiceService } from "./services/avarda-standalone-direct-invoice"
import { AvardaStandaloneInvoiceService } from "./services/avarda-standalone-invoice"
import { AvardaStandaloneLoanService } from "./services/avarda-standalone-loan"
import { AvardaStandalonePartPaymentService } from "./services/avarda-standalone-part-payment"

/**
 * Avarda credit on the Standalone Credit API (CheckOut2Api). Register with `id: "avarda-standalone"`
 * in the Payment Module's providers: provider ids `pp_avarda-standalone-invoice_avarda-standalone`,
 * `pp_avarda-standalone-direct-invoice_avarda-standalone`, `pp_avarda-standalone-loan_avarda-standalone`,
 * `pp_avarda-standalone-part-payment_avarda-standalone`.
 */
export default ModuleProvider(Modules.PAYMENT, {
  services: [AvardaStandaloneInvoiceService, AvardaStandaloneDirectInvoiceService, AvardaStandaloneLoanService, AvardaStandalonePartPaymentService],
})
