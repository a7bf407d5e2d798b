import { CARD_RULES } from "./card-form"
import { escapeHtml } from "./html"
import type { AviratoSession } from "./model"
import { DECLINING_HOLDER_NAMES, PROCESSOR_ERROR_HOLDER_NAME, PROCESSOR_ERROR_REASON } from "./test-holders"

export interface PaymentPageModel {
  session: AviratoSession
  secondsLeft: number
  errors?: Record<string, string>
  /** Values to show again after a failed check (never the CVC). */
  values?: { cardNumber?: string; expiry?: string; holderName?: string }
}

function formatAmount(session: AviratoSession): string {
  const major = session.amount.value / 100
  try {
    return new Intl.NumberFormat(session.shopperLocale, { style: "currency", currency: session.amount.currency }).format(major)
  } catch {
    return `${major.toFixed(2)} ${session.amount.currency}`
  }
}

const STYLE = `
  body { font: 15px/1.45 system-ui, sans-serif; background: #f4f5f7; color: #1d2330; margin: 0; }
  main { max-width: 26rem; margin: 2rem auto; background: #fff; border-radius: 8px; padding: 1.5rem; box-shadow: 0 1px 4px #0002; }
  .banner { background: #fff4d6; border: 1px solid #f0c36d; padding: .4rem .6rem; border-radius: 4px; font-size: 13px; }
  label { display: block; margin-top: .8rem; font-weight: 600; font-size: 13px; }
  input { width: 100%; box-sizing: border-box; padding: .5rem; font-size: 15px; border: 1px solid #c5cad3; border-radius: 4px; }
  .row { display: flex; gap: .75rem; } .row > div { flex: 1; }
  .error { color: #b42318; font-size: 13px; }
  button { margin-top: 1.2rem; padding: .6rem 1rem; font-size: 15px; border-radius: 4px; border: 0; cursor: pointer; }
  button.pay { background: #1d4ed8; color: #fff; width: 100%; } button.cancel { background: transparent; color: #475467; }
  details { margin-top: 1.2rem; font-size: 13px; } table { border-collapse: collapse; } td { padding: 1px 8px 1px 0; }
`

function field(name: string, label: string, model: PaymentPageModel, attributes: string): string {
  const error = model.errors?.[name]
  const value = name === "cvc" ? "" : (model.values?.[name as keyof NonNullable<PaymentPageModel["values"]>] ?? "")
  return `<label for="${name}">${label}</label>
<input id="${name}" name="${name}" value="${escapeHtml(value)}" ${attributes}>
${error ? `<div class="error" id="${name}-error">${escapeHtml(error)}</div>` : ""}`
}

/** The hosted card form (Avirato's simulated page, with the five-minute limit and the test holder names). */
export function renderPaymentPage(model: PaymentPageModel): string {
  const { session } = model
  const testRows = [
    ...Object.entries(DECLINING_HOLDER_NAMES).map(([name, reason]) => `<tr><td><code>${name}</code></td><td>declined: ${reason}</td></tr>`),
    `<tr><td><code>${PROCESSOR_ERROR_HOLDER_NAME}</code></td><td>processor error: ${PROCESSOR_ERROR_REASON}</td></tr>`,
    `<tr><td>any other name</td><td>authorised</td></tr>`,
  ].join("")
  return `<!doctype html>
<html lang="${escapeHtml(session.shopperLocale)}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Avirato Payments - ${escapeHtml(session.webcode)}</title><style>${STYLE}</style></head>
<body><main>
<p class="banner">Sandbox ${session.environment === "test" ? "TEST" : "LIVE"} environment: simulated form, no card is charged.</p>
<h1>${escapeHtml(formatAmount(session))}</h1>
<p>${escapeHtml(session.webcode)}${session.description ? ` - ${escapeHtml(session.description)}` : ""}</p>
<p>Time left to pay: <strong id="countdown" data-seconds="${model.secondsLeft}">${Math.floor(model.secondsLeft / 60)}:${String(model.secondsLeft % 60).padStart(2, "0")}</strong></p>
${model.errors?.form ? `<p class="error">${escapeHtml(model.errors.form)}</p>` : ""}
<form method="post" id="card-form" autocomplete="off">
${field("cardNumber", "Card number", model, 'inputmode="numeric" placeholder="4111 1111 1111 1111" required')}
<div class="row"><div>
${field("expiry", "Expiry (MM/YY)", model, 'placeholder="12/30" required')}
</div><div>
${field("cvc", "CVC", model, 'inputmode="numeric" placeholder="737" required')}
</div></div>
${field("holderName", "Cardholder name", model, 'placeholder="Test User" required')}
<button class="pay" type="submit" name="action" value="pay">Pay ${escapeHtml(formatAmount(session))}</button>
<button class="cancel" type="submit" name="action" value="cancel" formnovalidate>Cancel and return to the shop</button>
</form>
<details><summary>Card checks and test holder names</summary>
<ul>${CARD_RULES.map((rule) => `<li>${escapeHtml(rule)}</li>`).join("")}</ul>
<table>${testRows}</table></details>
</main>
<script>
(function () {
  var node = document.getElementById("countdown");
  var left = Number(node.dataset.seconds);
  var timer = setInterval(function () {
    left -= 1;
    if (left <= 0) { clearInterval(timer); location.reload(); return; }
    node.textContent = Math.floor(left / 60) + ":" + String(left % 60).padStart(2, "0");
  }, 1000);
})();
</script>
</body></html>`
}

/** A short page for links that lead nowhere or payments already made. */
export function renderMessagePage(title: string, message: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title><style>${STYLE}</style></head>
<body><main><h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p></main></body></html>`
}
