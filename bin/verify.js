#!/usr/bin/env node
// The go-live contract suite (`avarda-avirato-verify`): the compiled build when present, otherwise the TypeScript sources.
"use strict"
const { existsSync } = require("node:fs")
const path = require("node:path")

const compiled = path.join(__dirname, "..", ".medusa", "server", "src", "verify", "main.js")
if (existsSync(compiled)) {
  require(compiled)
} else {
  require("ts-node").register({ transpileOnly: true, swc: true, compilerOptions: { module: "commonjs" } })
  require(path.join(__dirname, "..", "src", "verify", "main.ts"))
}
