// Child processes of the demo. Each one runs in its own process group (detached), so a Ctrl-C in
// the terminal reaches only the demo, which then stops them in order: Medusa, sandbox, Postgres.
// Each child also has an IPC channel: when the demo dies without cleaning up, the channel closes
// and the child stops itself (see guarded-command.mjs, postgres-process.mjs, sandbox-process.cjs).
import { fork } from "node:child_process"
import fs from "node:fs"

const STOP_GRACE_MS = 15000

function alive(pid) {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

function signalGroup(pid, signal) {
  try {
    process.kill(-pid, signal)
  } catch {
    // the group is gone already
  }
}

/** The last `lines` lines of a log file (for error messages). */
export function tailOf(file, lines = 40) {
  try {
    return fs.readFileSync(file, "utf8").split("\n").slice(-lines).join("\n")
  } catch {
    return "(no log)"
  }
}

/**
 * Forks `modulePath` with `args` in a new process group, output appended to `logFile`.
 * Returns { child, pid, ready: Promise<message>, exited: Promise<{code, signal}>, stop() }.
 * `ready` resolves with the first IPC message that has `ready: true` and rejects if the child
 * exits or reports `{ error }` first.
 */
export function startService({ name, modulePath, args = [], env = process.env, cwd = process.cwd(), logFile }) {
  const log = fs.openSync(logFile, "a")
  const child = fork(modulePath, args, {
    cwd,
    env,
    detached: true,
    stdio: ["ignore", log, log, "ipc"],
  })
  fs.closeSync(log)
  const exited = new Promise((resolve) => child.once("exit", (code, signal) => resolve({ code, signal })))
  const ready = new Promise((resolve, reject) => {
    child.on("message", (message) => {
      if (message?.ready) resolve(message)
      else if (message?.error) reject(new Error(`${name}: ${message.error}`))
    })
    exited.then(({ code, signal }) => reject(new Error(`${name} exited (${signal ?? `code ${code}`}) before it was ready; see ${logFile}:\n${tailOf(logFile)}`)))
  })
  ready.catch(() => {})
  let stopping
  const stop = () => {
    if (stopping) return stopping
    stopping = (async () => {
      if (child.exitCode !== null || child.signalCode !== null) {
        signalGroup(child.pid, "SIGKILL") // anything the child left in its group
        return
      }
      signalGroup(child.pid, "SIGTERM")
      const timedOut = await Promise.race([exited.then(() => false), new Promise((r) => setTimeout(() => r(true), STOP_GRACE_MS))])
      if (timedOut) signalGroup(child.pid, "SIGKILL")
      // wait until every member of the group is gone
      for (let i = 0; i < 50 && alive(-child.pid); i++) await new Promise((r) => setTimeout(r, 100))
      signalGroup(child.pid, "SIGKILL")
      if (child.connected) child.disconnect()
    })()
    return stopping
  }
  return { name, child, pid: child.pid, ready, exited, stop, logFile }
}
