/**
 * The sandbox's stand-in for Avarda's `payment-widget.js`: one script defining both custom
 * elements, `<avarda-payment-widget>` (monthly cost of a product price) and `<avarda-apr-widget>`
 * (APR bullet list of a cart total). Like Avarda's, it reads the init result from its own
 * `<script>` tag (`data-paymentid`, `data-widget-jwt`); it asks the sandbox for the figures with
 * them (an unknown or expired widget JWT renders an error instead) and renders a rendition clearly
 * labelled as the sandbox's, never as a real credit offer. Swedish for `lang="sv"`, English otherwise.
 */
export const WIDGET_SCRIPT_PATH = "/avarda/payment-widget/cdn/payment-widget.js"
export const WIDGET_OFFER_PATH = "/avarda/payment-widget/api/offer"

export function widgetScript(): string {
  return `/* Avarda sandbox: stand-in payment widget (not Avarda's script) */
(function () {
  "use strict";
  var script = document.currentScript || document.querySelector("script[data-widget-jwt]");
  var origin = script && script.src ? new URL(script.src).origin : "";
  var TEXTS = {
    sv: {
      badge: "Avarda sandbox – inget riktigt krediterbjudande",
      from: function (amount) { return "Dela upp från " + amount + "/mån"; },
      invoice: function (days) { return "Köp nu – betala inom " + days + " dagar"; },
      invoiceFee: "Ingen avgift om du betalar i tid",
      more: "Läs mer",
      example: function (o) { return "Räkneexempel: " + o.credit + " över " + o.months + " mån, effektiv ränta " + o.percent + " %, totalt att betala " + o.total + "."; },
      apr: "Effektiv ränta", nominal: "Nominell ränta", fee: "Aviavgift", credit: "Kreditbelopp", total: "Totalt att betala",
      term: "Löptid", perMonth: "Månadskostnad", months: " mån", days: " dagar", payWithin: "Betalas inom", perMonthSuffix: "/mån",
      error: "Avardas widget kunde inte visas (sandbox)"
    },
    en: {
      badge: "Avarda sandbox – not a real credit offer",
      from: function (amount) { return "Split the payment from " + amount + "/month"; },
      invoice: function (days) { return "Buy now – pay within " + days + " days"; },
      invoiceFee: "No fee when you pay on time",
      more: "Read more",
      example: function (o) { return "Example: " + o.credit + " over " + o.months + " months, APR " + o.percent + " %, total to pay " + o.total + "."; },
      apr: "APR (effective rate)", nominal: "Nominal interest", fee: "Invoice fee", credit: "Credit amount", total: "Total to pay",
      term: "Term", perMonth: "Monthly cost", months: " months", days: " days", payWithin: "Pay within", perMonthSuffix: "/month",
      error: "Avarda's widget could not be shown (sandbox)"
    }
  };
  var STYLE = ":host{display:block;font:inherit;color:inherit}" +
    ".box{border:1px dashed #c98a00;border-radius:8px;padding:.6rem .8rem;background:#fffaf0}" +
    ".badge{display:inline-block;font-size:.7rem;background:#ffe8cc;color:#7a4a00;border-radius:4px;padding:0 .4rem;margin-bottom:.3rem}" +
    ".lead{font-weight:600} ul{margin:.3rem 0 0;padding-left:1.1rem} details{margin-top:.3rem;font-size:.85rem} .error{color:#b00020}";

  function textsOf(el) { return (el.getAttribute("lang") || "en").toLowerCase() === "sv" ? TEXTS.sv : TEXTS.en; }
  function money(value, currency, lang) {
    return new Intl.NumberFormat(lang === "sv" ? "sv-SE" : "en-GB", { style: "currency", currency: currency }).format(value);
  }
  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    (children || []).forEach(function (c) { node.append(c); });
    return node;
  }

  function SandboxWidget(kind) {
    return class extends HTMLElement {
      static get observedAttributes() { return ["price", "lang", "payment-method", "account-class"]; }
      constructor() { super(); this.attachShadow({ mode: "open" }); this.sequence = 0; }
      connectedCallback() { this.render(); }
      attributeChangedCallback() { if (this.isConnected) this.render(); }
      render() {
        var self = this, sequence = ++this.sequence, t = textsOf(this);
        var lang = (this.getAttribute("lang") || "en").toLowerCase();
        var query = new URLSearchParams({
          paymentId: script ? script.getAttribute("data-paymentid") || "" : "",
          widgetJwt: script ? script.getAttribute("data-widget-jwt") || "" : "",
          price: this.getAttribute("price") || "",
          paymentMethod: this.getAttribute("payment-method") || (kind === "apr" ? "" : "loan"),
          accountClass: this.getAttribute("account-class") || ""
        });
        this.setAttribute("data-state", "loading");
        fetch(origin + "${WIDGET_OFFER_PATH}?" + query.toString())
          .then(function (res) { return res.json().then(function (body) { return { ok: res.ok, body: body }; }); })
          .then(function (answer) {
            if (sequence !== self.sequence) return;
            if (!answer.ok) throw new Error(answer.body && answer.body.detail ? answer.body.detail : "error");
            self.show(kind === "apr" ? self.aprList(answer.body, t, lang) : self.monthly(answer.body, t, lang));
            self.setAttribute("data-state", "ready");
          })
          .catch(function (error) {
            if (sequence !== self.sequence) return;
            self.show([el("p", { class: "error" }, [t.error + ": " + error.message])]);
            self.setAttribute("data-state", "error");
          });
      }
      show(children) {
        this.shadowRoot.replaceChildren(el("style", {}, [STYLE]), el("div", { class: "box", part: "box" }, [el("span", { class: "badge" }, [textsOf(this).badge])].concat(children)));
      }
      monthly(offer, t, lang) {
        if (offer.kind === "invoice") return [el("div", { class: "lead" }, [t.invoice(offer.days)]), el("div", {}, [t.invoiceFee])];
        var e = offer.example;
        var details = el("details", {}, [el("summary", {}, [t.more]), t.example({
          credit: money(e.creditAmount, offer.currency, lang), months: e.months, percent: e.percent, total: money(e.totalAmount, offer.currency, lang)
        })]);
        return [el("div", { class: "lead" }, [t.from(money(e.perMonth, offer.currency, lang))]), details];
      }
      aprList(offer, t, lang) {
        var items;
        if (offer.kind === "invoice") {
          items = [[t.apr, "0 %"], [t.payWithin, offer.days + t.days], [t.fee, money(offer.fee, offer.currency, lang)], [t.credit, money(offer.price, offer.currency, lang)]];
        } else {
          var e = offer.example;
          items = [[t.apr, e.percent + " %"], [t.nominal, e.interestRate + " %"], [t.fee, money(e.invoiceFee, offer.currency, lang) + t.perMonthSuffix],
            [t.credit, money(e.creditAmount, offer.currency, lang)], [t.term, e.months + t.months], [t.perMonth, money(e.perMonth, offer.currency, lang)],
            [t.total, money(e.totalAmount, offer.currency, lang)]];
        }
        return [el("ul", {}, items.map(function (item) { return el("li", {}, [item[0] + ": " + item[1]]); }))];
      }
    };
  }

  if (!customElements.get("avarda-payment-widget")) customElements.define("avarda-payment-widget", SandboxWidget("payment"));
  if (!customElements.get("avarda-apr-widget")) customElements.define("avarda-apr-widget", SandboxWidget("apr"));
})();
`
}
