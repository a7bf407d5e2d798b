#!/usr/bin/env node
// Runs a command (argv after this file) as a child in this process's group and mirrors its exit
// code. Started by the demo with an IPC channel: when the demo goes away without stopping us, the
// channel closes and the whole group (the command and whatever it forked, e.g. `medusa develop`'s
// server) is terminated, so nothing is left running.
import { spawn } from "node:child_process"

const [command, ...args] = process.argv.slice(2)
const child = spawn(command, args, { stdio: "inherit", env: process.env })
let finishing = false

function terminateGroup() {
  if (finishing) return
  finishing = true
  try {
    process.kill(-process.pid, "SIGTERM")
  } catch {
    child.kill("SIGTERM")
  }
  setTimeout(() => {
    try {
      process.kill(-process.pid, "SIGKILL")
    } catch {
      child.kill("SIGKILL")
    }
  }, 10000).unref()
}

// The demo stops us by signalling the whole group: wait for the command to finish, then exit.
process.on("SIGTERM", () => {})
process.on("SIGINT", () => {})
process.on("disconnect", terminateGroup)
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)))
child.on("error", (error) => {
  process.stderr.write(`cannot run ${command}: ${error.message}\n`)
  process.exit(127)
})
if (process.send) process.send({ ready: true, pid: child.pid })
