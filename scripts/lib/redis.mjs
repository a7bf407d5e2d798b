// Redis for the deploy tier: the server at REDIS_URL (default redis://localhost:6379) when it
// answers PING; otherwise Debian's `redis-server`, installed with apt when missing (as root) the way
// the browser tier installs Chromium, started on a free port and stopped at the end. A Redis that
// cannot be found or started is an error with what to do, never a skipped tier.
import { execFileSync, spawn, spawnSync } from "node:child_process"
import fs from "node:fs"
import net from "node:net"
import os from "node:os"
import path from "node:path"
import { freePort } from "./postgres.mjs"

function which(command) {
  const found = spawnSync("sh", ["-c", `command -v ${command}`], { encoding: "utf8" })
  return found.status === 0 ? found.stdout.trim() : undefined
}

/** Sends one inline command (RESP inline form) and returns the first reply line, or undefined. */
export function redisCommand({ host, port }, command, timeoutMs = 1500) {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port: Number(port) })
    let reply = ""
    const done = (value) => {
      socket.destroy()
      resolve(value)
    }
    socket.setTimeout(timeoutMs)
    socket.once("connect", () => socket.write(`${command}\r\n`))
    socket.on("data", (chunk) => {
      reply += chunk.toString("utf8")
      if (reply.includes("\r\n")) done(reply.split("\r\n")[0])
    })
    socket.once("error", () => done(undefined))
    socket.once("timeout", () => done(undefined))
  })
}

/** Empties one database index of the server (never the others). */
export async function flushRedisDb(server, db) {
  const answer = await redisCommandInDb(server, db, "FLUSHDB")
  if (answer !== "+OK") throw new Error(`FLUSHDB on Redis db ${db} answered ${answer ?? "nothing"}`)
}

function redisCommandInDb({ host, port }, db, command, timeoutMs = 5000) {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port: Number(port) })
    let reply = ""
    const done = (value) => {
      socket.destroy()
      resolve(value)
    }
    socket.setTimeout(timeoutMs)
    socket.once("connect", () => socket.write(`SELECT ${Number(db)}\r\n${command}\r\n`))
    socket.on("data", (chunk) => {
      reply += chunk.toString("utf8")
      const lines = reply.split("\r\n")
      if (lines.length >= 3) done(lines[0] === "+OK" ? lines[1] : lines[0])
    })
    socket.once("error", () => done(undefined))
    socket.once("timeout", () => done(undefined))
  })
}

function installRedisServer(log) {
  const isRoot = typeof process.getuid === "function" && process.getuid() === 0
  if (!isRoot || !which("apt-get")) {
    throw new Error("The deploy tier needs Redis: start one at REDIS_URL (default redis://localhost:6379) or install Debian's `redis-server` package.")
  }
  log("Installing redis-server from Debian's packages (first run only)…")
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" }
  execFileSync("apt-get", ["update", "-qq"], { stdio: "inherit", env })
  execFileSync("apt-get", ["install", "-y", "-qq", "--no-install-recommends", "redis-server"], { stdio: "inherit", env })
  const installed = which("redis-server")
  if (!installed) throw new Error("apt-get installed redis-server but it is not on PATH")
  return installed
}

/**
 * Makes sure a Redis answers and returns { host, port, url(db), started, stop() }. `stop()` stops
 * only a server this call started.
 */
export async function ensureRedis({ log = () => {} } = {}) {
  const configured = new URL(process.env.REDIS_URL || "redis://localhost:6379")
  const existing = { host: configured.hostname || "localhost", port: Number(configured.port || 6379) }
  const urlFor = (server) => (db) => `redis://${server.host}:${server.port}/${db}`
  if ((await redisCommand(existing, "PING")) === "+PONG") {
    return { ...existing, url: urlFor(existing), started: false, stop: async () => {} }
  }
  if (process.env.REDIS_URL) throw new Error(`REDIS_URL=${process.env.REDIS_URL} does not answer PING`)
  const binary = which("redis-server") || installRedisServer(log)
  const port = await freePort()
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "deploy-tier-redis-"))
  log(`Starting redis-server on localhost:${port}…`)
  const child = spawn(binary, ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir], { stdio: "ignore" })
  const server = { host: "localhost", port }
  const deadline = Date.now() + 15_000
  while ((await redisCommand(server, "PING")) !== "+PONG") {
    if (child.exitCode !== null) throw new Error(`redis-server exited with code ${child.exitCode} before answering`)
    if (Date.now() > deadline) {
      child.kill("SIGKILL")
      throw new Error("redis-server did not answer PING within 15 s")
    }
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  return {
    ...server,
    url: urlFor(server),
    started: true,
    stop: async () => {
      if (child.exitCode === null) {
        child.kill("SIGTERM")
        await new Promise((resolve) => child.once("exit", resolve))
      }
      fs.rmSync(dir, { recursive: true, force: true })
    },
  }
}
