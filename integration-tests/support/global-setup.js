// Makes a Postgres available to the module/http/browser tiers when jest is run directly.
// scripts/test.mjs starts one Postgres for all tiers and sets PG_READY=1, so this is a no-op there.
module.exports = async function globalSetup() {
  const tier = (process.env.TEST_TYPE || "unit").replace(/^integration:/, "")
  if (tier === "unit" || process.env.PG_READY === "1") return
  const { ensurePostgres, postgresEnv } = await import("../../scripts/lib/postgres.mjs")
  const pg = await ensurePostgres({ log: (line) => process.stderr.write(`${line}\n`) })
  globalThis.__TEST_POSTGRES__ = pg
  Object.assign(process.env, postgresEnv(pg))
}
