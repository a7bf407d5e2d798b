/** Avarda's monthly-cost and APR widgets, and the Swedish statutory cost notice next to credit offers. */
import { useEffect, useState } from "react"
import { loadAvardaWidgets } from "../medusa/payment-widget"
import type { PaymentOption } from "../medusa/payment-options"
import { useTexts, type Lang } from "../i18n"

declare module "react" {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace JSX {
    interface IntrinsicElements {
      "avarda-payment-widget": { price: string; lang: string; "payment-method"?: string; "account-class"?: string }
      "avarda-apr-widget": { price: string; lang: string; "payment-method": string; "account-class"?: string }
    }
  }
}

function useAvardaWidgets(): boolean {
  const [ready, setReady] = useState(false)
  useEffect(() => {
    let active = true
    void loadAvardaWidgets().then((loaded) => active && setReady(loaded))
    return () => {
      active = false
    }
  }, [])
  return ready
}

// docs:start monthly-cost-widget
/** Product page: what the product costs per month when the shopper splits the payment. */
export function MonthlyCost({ price, lang }: { price: number; lang: Lang }) {
  const ready = useAvardaWidgets()
  if (!ready) return null
  return (
    <div className="avarda-widget" data-testid="monthly-cost">
      <avarda-payment-widget price={price.toFixed(2)} lang={lang} />
      <CostNotice />
    </div>
  )
}
// docs:end monthly-cost-widget

// docs:start apr-widget
/** Checkout, under an Avarda credit method: its APR and key terms for the cart total. */
export function CreditTerms({ option, total, lang }: { option: PaymentOption; total: number; lang: Lang }) {
  const ready = useAvardaWidgets()
  return (
    <div className="avarda-widget" data-testid={`credit-terms-${option.method}`}>
      {ready && option.apr_widget && (
        <avarda-apr-widget
          price={total.toFixed(2)}
          lang={lang}
          payment-method={option.apr_widget.payment_method}
          {...(option.apr_widget.account_class ? { "account-class": String(option.apr_widget.account_class) } : {})}
        />
      )}
      {option.cost_notice_required && <CostNotice />}
    </div>
  )
}

/** Swedish law: credit offers to consumers must say that borrowing costs money. */
export function CostNotice() {
  const { t } = useTexts()
  return (
    <p className="cost-notice" data-testid="cost-notice">
      {t.costNotice}
    </p>
  )
}
// docs:end apr-widget
