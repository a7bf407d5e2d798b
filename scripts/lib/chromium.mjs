// Headless Chromium for the browser tier: Debian's `chromium` package, driven by playwright-core
// (`npx playwright install` cannot download browsers here). Installed with apt when missing and
// running as root; otherwise a clear message says what to install.
import { execFileSync, spawnSync } from "node:child_process"

function which(command) {
  const found = spawnSync("sh", ["-c", `command -v ${command}`], { encoding: "utf8" })
  return found.status === 0 ? found.stdout.trim() : undefined
}

export async function ensureChromium({ log = () => {} } = {}) {
  const existing = process.env.CHROMIUM_PATH || which("chromium") || which("chromium-browser")
  if (existing) return existing
  const isRoot = typeof process.getuid === "function" && process.getuid() === 0
  if (!isRoot || !which("apt-get")) {
    throw new Error("The browser tests need Chromium: install Debian's `chromium` package (or set CHROMIUM_PATH).")
  }
  log("Installing Chromium from Debian's packages (first run only, about a minute)…")
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" }
  execFileSync("apt-get", ["update", "-qq"], { stdio: "inherit", env })
  execFileSync("apt-get", ["install", "-y", "-qq", "--no-install-recommends", "chromium"], { stdio: "inherit", env })
  const installed = which("chromium")
  if (!installed) throw new Error("apt-get installed chromium but it is not on PATH")
  return installed
}

/** Launch flags that work as root on a machine without network access. */
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
]
