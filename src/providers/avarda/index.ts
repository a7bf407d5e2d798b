import { ModuleProvider, Modules } from "@medusajs/framework/utils"
import { AvardaDirectInvoiceService } from "./services/avarda-direct-invoice"
import { AvardaInvoiceService } from "./services/avarda-invoice"
import { AvardaLoanService } from "./services/avarda-loan"
import { AvardaPartPaymentService } from "./services/avarda-part-payment"

/**
 * Avarda credit on the Authorization API. Register with `id: "avarda"` in the Payment Module's
 * providers: provider ids `pp_avarda-invoice_avarda`, `pp_avarda-part-payment_avarda`,
 * `pp_avarda-loan_avarda`, `pp_avarda-direct-invoice_avarda`.
 */
export default ModuleProvider(Modules.PAYMENT, {
  services: [AvardaInvoiceService, AvardaPartPaymentService, AvardaLoanService, AvardaDirectInvoiceService],
})
