// Strict TypeScript linting (typescript-eslint's recommended + strict sets). Medusa's own ESLint
// plugin is not published for 2.21.2, so this is the equivalent strict config the project uses.
import js from "@eslint/js"
import tseslint from "typescript-eslint"

export default tseslint.config(
  {
    ignores: ["node_modules/**", ".medusa/**", ".cache/**", "coverage/**", "test-results/**", ".jest-results/**", "**/*.d.ts"],
  },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: {
      globals: {
        process: "readonly", console: "readonly", require: "readonly", module: "writable", __dirname: "readonly",
        Buffer: "readonly", setTimeout: "readonly", clearTimeout: "readonly", setInterval: "readonly",
        clearInterval: "readonly", setImmediate: "readonly", URL: "readonly", URLSearchParams: "readonly",
        AbortSignal: "readonly", AbortController: "readonly", fetch: "readonly", globalThis: "readonly",
        document: "readonly", window: "readonly", TextEncoder: "readonly", TextDecoder: "readonly",
        structuredClone: "readonly", queueMicrotask: "readonly", Response: "readonly", Request: "readonly",
        Headers: "readonly", FormData: "readonly", crypto: "readonly",
      },
    },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" }],
      "@typescript-eslint/no-non-null-assertion": "off",
      "@typescript-eslint/no-require-imports": "off",
      "no-console": ["error", { allow: ["warn", "error"] }],
    },
  },
  {
    // Scripts, the sandbox CLI, tests and browser-side code talk to a terminal or a page.
    files: ["scripts/**", "bin/**", "src/sandbox/cli.ts", "**/__tests__/**", "integration-tests/**", "src/admin/**"],
    rules: { "no-console": "off" },
  },
  {
    // Tests read untyped JSON answers of the API under test; plugin code stays strictly typed.
    files: ["**/__tests__/**", "integration-tests/**"],
    rules: { "@typescript-eslint/no-explicit-any": "off" },
  },
  {
    files: ["**/*.js", "**/*.mjs", "**/*.cjs"],
    rules: { "@typescript-eslint/no-require-imports": "off" },
  }
)
