// The demo storefront (storefront/): built with esbuild into one JS and one CSS file, and served by
// a small static server that also answers /config.js (backend URL and publishable key) and sends
// index.html for every other path (the pages are client-side routes). Used by `npm run demo` and
// by the storefront browser tests. CommonJS, so both the demo (ESM) and jest (CJS) can load it.
const fs = require("node:fs")
const http = require("node:http")
const path = require("node:path")

const ROOT = path.resolve(__dirname, "..", "..")
const SOURCE = path.join(ROOT, "storefront")

const CONTENT_TYPES = {
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".html": "text/html; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
}

/** Bundles storefront/src/main.tsx (React, @medusajs/js-sdk, the pages) into `outDir`. */
async function buildStorefront({ outDir }) {
  const esbuild = require("esbuild")
  fs.rmSync(outDir, { recursive: true, force: true })
  fs.mkdirSync(outDir, { recursive: true })
  const result = await esbuild.build({
    entryPoints: [path.join(SOURCE, "src", "main.tsx")],
    bundle: true,
    outdir: path.join(outDir, "assets"),
    entryNames: "[name]",
    format: "esm",
    platform: "browser",
    target: ["es2021"],
    jsx: "automatic",
    minify: true,
    legalComments: "none",
    define: { "process.env.NODE_ENV": '"production"' },
    logLevel: "silent",
    metafile: true,
  })
  fs.copyFileSync(path.join(SOURCE, "index.html"), path.join(outDir, "index.html"))
  const bytes = Object.values(result.metafile.outputs).reduce((sum, output) => sum + output.bytes, 0)
  return { outDir, bytes }
}

/**
 * Serves a built storefront on `port` (0 = a free one). `config` ({ backendUrl, publishableKey })
 * may be given later with setConfig: pages load it from /config.js on every visit.
 */
function startStorefrontServer({ dir, port = 0, host = "localhost", config }) {
  let current = config ?? null
  const indexHtml = () => fs.readFileSync(path.join(dir, "index.html"))
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://storefront.local")
    if (req.method !== "GET" && req.method !== "HEAD") {
      res.writeHead(405, { allow: "GET, HEAD" }).end()
      return
    }
    if (url.pathname === "/config.js") {
      res.writeHead(200, { "content-type": CONTENT_TYPES[".js"], "cache-control": "no-store" })
      res.end(`window.STOREFRONT_CONFIG = ${JSON.stringify(current)};\n`)
      return
    }
    if (url.pathname.startsWith("/assets/")) {
      const file = path.join(dir, path.normalize(url.pathname).replace(/^(\.\.[/\\])+/, ""))
      if (!file.startsWith(path.join(dir, "assets")) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
        res.writeHead(404, { "content-type": "text/plain" }).end("Not found")
        return
      }
      res.writeHead(200, { "content-type": CONTENT_TYPES[path.extname(file)] ?? "application/octet-stream", "cache-control": "no-cache" })
      res.end(req.method === "HEAD" ? undefined : fs.readFileSync(file))
      return
    }
    res.writeHead(200, { "content-type": CONTENT_TYPES[".html"], "cache-control": "no-store" })
    res.end(req.method === "HEAD" ? undefined : indexHtml())
  })
  return new Promise((resolve, reject) => {
    server.once("error", reject)
    server.listen(port, host, () => {
      server.off("error", reject)
      const address = server.address()
      const url = `http://${host}:${address.port}`
      resolve({
        url,
        port: address.port,
        setConfig(next) {
          current = next
        },
        close: () =>
          new Promise((done) => {
            server.close(() => done())
            server.closeAllConnections()
          }),
      })
    })
  })
}

module.exports = { buildStorefront, startStorefrontServer, STOREFRONT_SOURCE: SOURCE }
