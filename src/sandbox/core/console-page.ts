/**
 * The console at `/`: one static page that polls `/__sandbox/state` and `/__sandbox/journal` and
 * renders every simulator's snapshot generically (each array of objects becomes a table).
 * No framework; values are inserted with textContent only.
 */
export function renderConsolePage(): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Avarda / Avirato sandbox</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
  body { font: 14px/1.4 system-ui, sans-serif; margin: 0 1.5rem 2rem; color: #1d2330; }
  h1 { font-size: 1.3rem; margin: 1rem 0 .25rem; }
  h2 { font-size: 1.1rem; margin: 1.5rem 0 .5rem; border-bottom: 1px solid #d5d9e0; }
  h3 { font-size: .95rem; margin: 1rem 0 .25rem; }
  table { border-collapse: collapse; width: 100%; font-size: 12px; }
  th, td { border: 1px solid #e1e4ea; padding: 2px 6px; text-align: left; vertical-align: top; max-width: 28rem; overflow-wrap: anywhere; }
  th { background: #f3f5f8; }
  code, pre { font: 12px ui-monospace, monospace; }
  .muted { color: #6b7280; }
  .ok { color: #127a36; } .bad { color: #b42318; }
  button { margin-right: .5rem; }
  #toolbar { display: flex; gap: .5rem; align-items: center; flex-wrap: wrap; }
</style>
</head>
<body>
<h1>Avarda / Avirato sandbox</h1>
<div id="toolbar">
  <span>Sandbox time: <strong id="now">…</strong> <span class="muted" id="offset"></span></span>
  <button data-advance="300000">+5 min</button>
  <button data-advance="86400000">+1 day</button>
  <button id="reset">Reset everything</button>
  <label><input type="checkbox" id="auto" checked> auto-refresh</label>
</div>
<details open><summary><h2 style="display:inline-block">Base URLs and credentials</h2></summary>
<div id="urls"></div></details>
<h2>Vendors</h2>
<div id="simulators"></div>
<h2>Webhooks and other outbound calls</h2>
<div id="outbound"></div>
<h2>Active faults</h2>
<div id="faults"></div>
<h2>Recent requests</h2>
<div id="journal"></div>
<script>
(function () {
  function el(tag, text, cls) {
    var node = document.createElement(tag);
    if (text !== undefined) node.textContent = text;
    if (cls) node.className = cls;
    return node;
  }
  function show(value) {
    if (value === undefined || value === null) return "";
    return typeof value === "object" ? JSON.stringify(value) : String(value);
  }
  function table(rows, columns) {
    if (!rows.length) return el("p", "none yet", "muted");
    columns = columns || rows.reduce(function (all, row) {
      Object.keys(row).forEach(function (key) { if (all.indexOf(key) < 0) all.push(key); });
      return all;
    }, []);
    var t = el("table"), head = el("tr");
    columns.forEach(function (c) { head.appendChild(el("th", c)); });
    t.appendChild(head);
    rows.forEach(function (row) {
      var tr = el("tr");
      columns.forEach(function (c) {
        var v = row[c];
        tr.appendChild(el("td", show(v), v === true ? "ok" : v === false ? "bad" : undefined));
      });
      t.appendChild(tr);
    });
    return t;
  }
  function replace(id, nodes) {
    var target = document.getElementById(id);
    target.replaceChildren.apply(target, nodes);
  }
  function newestFirst(rows, limit) { return rows.slice(-limit).reverse(); }
  function renderSimulators(simulators) {
    var nodes = [];
    Object.keys(simulators).forEach(function (name) {
      var snapshot = simulators[name] || {};
      nodes.push(el("h3", name));
      Object.keys(snapshot).forEach(function (key) {
        var value = snapshot[key];
        if (Array.isArray(value)) {
          nodes.push(el("div", key + " (" + value.length + ")", "muted"));
          nodes.push(table(newestFirst(value, 50).map(function (row) {
            return row !== null && typeof row === "object" ? row : { value: row };
          })));
        } else {
          nodes.push(el("div", key + ": " + show(value)));
        }
      });
    });
    return nodes.length ? nodes : [el("p", "no simulators mounted", "muted")];
  }
  function refresh() {
    Promise.all([
      fetch("/__sandbox/state").then(function (r) { return r.json(); }),
      fetch("/__sandbox/journal?limit=40").then(function (r) { return r.json(); })
    ]).then(function (results) {
      var state = results[0], journal = results[1];
      document.getElementById("now").textContent = state.now;
      document.getElementById("offset").textContent = state.clockOffsetMs ? "(advanced " + Math.round(state.clockOffsetMs / 1000) + " s)" : "";
      var urlRows = Object.keys(state.urls).map(function (k) { return { name: k, url: state.urls[k] }; });
      var credentialRows = [];
      Object.keys(state.settings).forEach(function (vendor) {
        Object.keys(state.settings[vendor]).forEach(function (k) {
          credentialRows.push({ vendor: vendor, setting: k, value: state.settings[vendor][k] });
        });
      });
      replace("urls", [table(urlRows), el("h3", "Settings"), table(credentialRows)]);
      replace("simulators", renderSimulators(state.simulators));
      replace("outbound", [table(newestFirst(state.outbound, 50).map(function (d) {
        return {
          id: d.id, event: d.event, url: d.url, delivered: d.delivered,
          attempts: d.attempts.map(function (a) { return a.at + " " + (a.status !== undefined ? a.status : a.error); }).join(" | "),
          body: d.body
        };
      }))]);
      replace("faults", [table(state.faults.map(function (f) {
        return { id: f.id, route: f.spec.route, kind: f.spec.kind, remaining: f.remaining, applied: f.applied, spec: f.spec };
      }))]);
      replace("journal", [table(journal.slice().reverse().map(function (j) {
        return { at: j.at, route: j.route, method: j.method, path: j.path, status: j.status, fault: j.fault, ms: j.durationMs };
      }))]);
    }).catch(function (error) {
      replace("simulators", [el("p", "Sandbox not reachable: " + error, "bad")]);
    });
  }
  function post(path, body) {
    return fetch(path, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body || {}) }).then(refresh);
  }
  document.querySelectorAll("[data-advance]").forEach(function (button) {
    button.addEventListener("click", function () { post("/__sandbox/clock/advance", { ms: Number(button.dataset.advance) }); });
  });
  document.getElementById("reset").addEventListener("click", function () {
    if (confirm("Forget all sandbox state?")) post("/__sandbox/reset");
  });
  setInterval(function () { if (document.getElementById("auto").checked) refresh(); }, 2000);
  refresh();
})();
</script>
</body>
</html>
`
}
