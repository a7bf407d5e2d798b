// Headless Chromium for browser tests (Debian's chromium driven by playwright-core).
// Screenshots are kept as test artifacts in test-results/screenshots/.
import fs from "node:fs"
import path from "node:path"
import { chromium, type Browser, type Page } from "playwright-core"

const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
]

export const SCREENSHOT_DIR = path.resolve(__dirname, "..", "..", "test-results", "screenshots")

export async function launchBrowser(): Promise<Browser> {
  const executablePath = process.env.CHROMIUM_PATH || "/usr/bin/chromium"
  if (!fs.existsSync(executablePath)) {
    throw new Error(`Chromium not found at ${executablePath}: run the browser tier through \`npm test -- browser\`, which installs it`)
  }
  return chromium.launch({ executablePath, args: CHROMIUM_ARGS, headless: true })
}

export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true })
  const file = path.join(SCREENSHOT_DIR, `${name}.png`)
  await page.screenshot({ path: file, fullPage: true })
  return file
}
