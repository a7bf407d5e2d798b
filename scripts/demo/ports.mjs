// Checks that the ports the demo needs are free before anything starts.
import net from "node:net"

/** True when nothing listens on `port` (checked the way servers bind: all interfaces). */
export function isPortFree(port) {
  return new Promise((resolve) => {
    const server = net.createServer()
    server.once("error", () => resolve(false))
    server.listen({ port, exclusive: true }, () => server.close(() => resolve(true)))
  })
}

export class PortTakenError extends Error {}

/** `ports`: [{ port, what, flag, envVar }]; throws one error naming every taken port and how to choose another. */
export async function assertPortsFree(ports) {
  const taken = []
  for (const entry of ports) {
    if (!(await isPortFree(entry.port))) taken.push(entry)
  }
  if (taken.length === 0) return
  const lines = taken.map(
    (t) => `  port ${t.port} (${t.what}) is already in use: stop what uses it (e.g. \`lsof -i :${t.port}\` or \`ss -ltnp 'sport = :${t.port}'\`), or pick another with \`npm run demo -- ${t.flag} <port>\` (or ${t.envVar}=<port>)`
  )
  throw new PortTakenError(`Cannot start the demo:\n${lines.join("\n")}`)
}
