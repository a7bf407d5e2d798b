/** Entry point of the `avarda-avirato-verify` bin (see cli.ts). */
import { terminalConfirm, verifyCli } from "./cli"

const confirm = terminalConfirm()
verifyCli(process.argv.slice(2), process.env, {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
  ...(confirm ? { confirm } : {}),
}).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`)
    process.exit(2)
  }
)
