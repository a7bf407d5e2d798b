// One jest config, four tiers chosen by TEST_TYPE (scripts/test.mjs sets it):
//   unit     src/**/__tests__/**/*.unit.spec.ts      no database; pure code and the sandbox over real HTTP
//            integration-tests/support/__tests__/    the same, for the pure parts of the test support (money audit)
//   modules  integration-tests/modules/**/*.spec.ts  moduleIntegrationTestRunner (Payment Module + our providers)
//   http     integration-tests/http/**/*.spec.ts     medusaIntegrationTestRunner (the real app over HTTP)
//   browser  integration-tests/browser/**/*.spec.ts  headless Chromium through playwright-core
//   chaos    integration-tests/chaos/**/*.spec.ts    the fault and race matrix with its money audit (npm run chaos)
const { loadEnv } = require("@medusajs/framework/utils")
loadEnv("test", process.cwd())

const tiers = {
  unit: ["<rootDir>/src/**/__tests__/**/*.unit.spec.[jt]s?(x)", "<rootDir>/integration-tests/support/__tests__/*.unit.spec.[jt]s"],
  modules: ["<rootDir>/integration-tests/modules/**/*.spec.[jt]s"],
  http: ["<rootDir>/integration-tests/http/**/*.spec.[jt]s"],
  browser: ["<rootDir>/integration-tests/browser/**/*.spec.[jt]s"],
  chaos: ["<rootDir>/integration-tests/chaos/**/*.spec.[jt]s"],
}
const tier = (process.env.TEST_TYPE || "unit").replace(/^integration:/, "")
if (!tiers[tier]) throw new Error(`Unknown TEST_TYPE "${process.env.TEST_TYPE}" (use one of ${Object.keys(tiers).join(", ")})`)

module.exports = {
  transform: {
    "^.+\\.[jt]sx?$": [
      "@swc/jest",
      { jsc: { parser: { syntax: "typescript", tsx: true, decorators: true }, target: "es2021" } },
    ],
  },
  testEnvironment: "node",
  moduleFileExtensions: ["js", "ts", "tsx", "json"],
  modulePathIgnorePatterns: ["dist/", "<rootDir>/.medusa/"],
  testMatch: tiers[tier],
  setupFiles: ["<rootDir>/integration-tests/setup.js"],
  globalSetup: "<rootDir>/integration-tests/support/global-setup.js",
  globalTeardown: "<rootDir>/integration-tests/support/global-teardown.js",
}
