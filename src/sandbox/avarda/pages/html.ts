/** Minimal HTML for the sandbox's simulated vendor pages (they must work in a browser and for a plain HTTP client). */
import type { SandboxResponse } from "../../core/types"

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (ch) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[ch]!)
}

const STYLE = `
body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;background:#f4f1ee;margin:0;padding:2rem;color:#1d1d1b}
main{max-width:32rem;margin:0 auto;background:#fff;border-radius:12px;padding:2rem;box-shadow:0 2px 10px rgba(0,0,0,.08)}
h1{font-size:1.4rem;margin-top:0} .badge{display:inline-block;background:#ffe8cc;color:#7a4a00;border-radius:4px;padding:.1rem .5rem;font-size:.75rem;margin-bottom:1rem}
dl{display:grid;grid-template-columns:auto 1fr;gap:.3rem 1rem} dt{color:#666}
button{font-size:1rem;padding:.7rem 1.2rem;border-radius:8px;border:1px solid #1d1d1b;background:#fff;cursor:pointer;margin:.3rem .3rem .3rem 0}
button.primary{background:#1d1d1b;color:#fff} .error{color:#b00020} fieldset{border:1px solid #ddd;border-radius:8px;margin:1rem 0}
label{display:block;margin:.4rem 0} input[type=text]{font-size:1rem;padding:.4rem;width:8rem}`

export function htmlPage(status: number, title: string, body: string): SandboxResponse {
  return {
    status,
    headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" },
    body: `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title><style>${STYLE}</style></head>
<body><main><span class="badge">Avarda sandbox – simulated page</span>
<h1>${escapeHtml(title)}</h1>
${body}
</main></body></html>`,
  }
}

export function redirect(location: string): SandboxResponse {
  return { status: 302, headers: { location, "cache-control": "no-store" } }
}

/** A form field from a form-encoded body (first value if repeated). */
export function formField(body: unknown, name: string): string | undefined {
  if (!body || typeof body !== "object") return undefined
  const value = (body as Record<string, unknown>)[name]
  if (typeof value === "string") return value
  if (Array.isArray(value) && typeof value[0] === "string") return value[0]
  return undefined
}

export function definitionList(entries: Array<[string, string | undefined]>): string {
  return `<dl>${entries
    .filter(([, value]) => value !== undefined)
    .map(([term, value]) => `<dt>${escapeHtml(term)}</dt><dd>${escapeHtml(value!)}</dd>`)
    .join("")}</dl>`
}
