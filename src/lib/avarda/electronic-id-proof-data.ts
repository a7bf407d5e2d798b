/**
 * What an Avarda credit payment's data says about who proved to be the person the credit was made
 * for. Both Avarda providers write these keys on every session, so a value a storefront puts in the
 * session data never survives; My Pages reads them to link a customer to a person.
 */
export interface ElectronicIdProofData {
  /**
   * "required" when Avarda sent the shopper to electronic-ID validation (Authorization API: HTTP 202;
   * Standalone: its identification page): once the credit is approved, the validation passed.
   */
  id_validation?: "required" | "not_required"
  /**
   * The Medusa customer who started the session logged in, else null. Only that customer is proven
   * to be the person: Medusa files a guest's order under a registered customer with the same e-mail.
   */
  shopper_customer_id?: string | null
}
