import cluster from 'node:cluster'
import { mkdirSync } from 'node:fs'
import type { FastifyInstance } from 'fastify'
import { buildApp } from './app'
import { readConfig } from './config'
import { createContext } from './context'
import { openDatabase } from './db/connection'
import type { DatabaseHandle } from './db/connection'
import { migrateToLatest } from './db/migrate'
import { startBanner, serverUrls } from './demo/banner'
import { demoVillagerLinks, issueDemoCodes, writeDemoCodes } from './demo/codes'
import type { DemoCodes, DemoVillagerLink } from './demo/codes'
import { seedDemo } from './demo/seed'
import { loadCodeKey } from './identity/codeKey'
import { schedulePurge } from './sync/tombstones'
import { setupOrigin } from './setup/township'

// One process, or with WORKERS > 1 a primary that prepares the database once and then supervises
// that many workers sharing the port (node:cluster). Each worker opens its own connections; SQLite
// in WAL mode takes readers from every process and one writer at a time (see db/connection.ts).

type Demo = (DemoCodes & { file: string; villagers: DemoVillagerLink[] }) | null

const config = readConfig()

/** Migrate, and on an empty database seed the demo township and issue its codes. */
async function prepare(database: DatabaseHandle): Promise<{ schemaVersion: number; demo: Demo }> {
  const schemaVersion = await migrateToLatest(database)
  if (!config.demo) return { schemaVersion, demo: null }
  // The demo rows go in through the app's own repositories, as the server would write them.
  const ctx = createContext(database, { codeKey: loadCodeKey(config) })
  const seeded = await seedDemo(ctx)
  const codes = await issueDemoCodes(ctx, seeded?.members.map((m) => m.id))
  const villagers = await demoVillagerLinks(ctx, setupOrigin(config), seeded?.members.map((m) => m.id))
  return { schemaVersion, demo: { ...codes, villagers, file: await writeDemoCodes(config.dataDir, [...codes.codes, ...villagers]) } }
}

/** Build the app on `database` and listen; a signal closes it and the database, then exits. */
async function serve(database: DatabaseHandle): Promise<FastifyInstance> {
  const app = await buildApp({
    database,
    distDir: config.distDir,
    publicOrigin: config.publicOrigin,
    trustProxy: config.trustProxy,
    codeKey: loadCodeKey(config),
    enrolFailuresPerHour: config.enrolFailuresPerHour,
    logger: { level: process.env.LOG_LEVEL || 'info' },
  })
  await app.listen({ port: config.port, host: config.host })
  // Every process purges (the same delete, idempotent): no worker depends on another being up.
  const stopPurging = schedulePurge(app.ctx, config.tombstoneDays, (message, error) =>
    error ? app.log.error({ err: error }, message) : app.log.info(message),
  )
  let closing = false
  const shutdown = async (signal: NodeJS.Signals) => {
    if (closing) return
    closing = true
    app.log.info({ signal }, 'shutting down')
    // A stuck connection must not keep the process alive for ever.
    const force = setTimeout(() => process.exit(1), 10_000)
    force.unref()
    stopPurging()
    try {
      await app.close()
      await database.db.destroy()
      process.exit(0)
    } catch (error) {
      app.log.error({ err: error }, 'shutdown failed')
      process.exit(1)
    }
  }
  process.on('SIGINT', shutdown)
  process.on('SIGTERM', shutdown)
  return app
}

function portOf(app: FastifyInstance): number {
  const address = app.server.address()
  return typeof address === 'object' && address ? address.port : config.port
}

/** Start `config.workers` workers, print the banner once all listen, replace one that dies. */
function supervise(workers: number, demo: Demo): void {
  let closing = false
  /** Set when a worker could not start: the primary then ends with exit code 1, once all are gone. */
  let failed = false
  let listening = 0
  cluster.on('listening', (_worker, address) => {
    if (++listening === workers) process.stdout.write(startBanner(serverUrls(config.host, address.port), demo))
  })
  cluster.on('exit', (worker, code, signal) => {
    const left = Object.keys(cluster.workers ?? {}).length
    if (closing) {
      if (left === 0) process.exit(failed ? 1 : 0)
      return
    }
    if (listening < workers) {
      // Died before serving (port taken, database unreadable): restarting would only loop. A
      // non-zero exit lets a service manager see the failure (and `Restart=on-failure` act on it).
      console.error(`worker ${worker.process.pid} could not start (${signal ?? `exit ${code}`}); stopping`)
      closing = true
      failed = true
      for (const other of Object.values(cluster.workers ?? {})) other?.process.kill('SIGTERM')
      if (left === 0) process.exit(1)
      return
    }
    console.error(`worker ${worker.process.pid} stopped (${signal ?? `exit ${code}`}); starting another`)
    cluster.fork()
  })
  const shutdown = () => {
    if (closing) return
    closing = true
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGTERM')
    setTimeout(() => process.exit(1), 12_000).unref()
  }
  process.on('SIGINT', shutdown)
  process.on('SIGTERM', shutdown)
  for (let i = 0; i < workers; i++) cluster.fork()
}

if (cluster.isPrimary) {
  mkdirSync(config.dataDir, { recursive: true, mode: 0o700 })
  const database = openDatabase(config)
  const { schemaVersion, demo } = await prepare(database)
  if (process.env.LOG_LEVEL !== 'warn' && process.env.LOG_LEVEL !== 'error') {
    console.log(`database ready: ${database.dialect}, schema ${schemaVersion}, data folder ${config.dataDir}, ${config.workers} worker(s)`)
  }
  if (config.workers === 1) {
    const app = await serve(database)
    process.stdout.write(startBanner(serverUrls(config.host, portOf(app)), demo))
  } else {
    await database.db.destroy()
    // Workers accept connections themselves from the shared socket. With Node's default, the
    // primary accepts each one and hands it over, which under load queued new connections for
    // seconds (first pulls of 200 new connections: p99 4 s, max 10 s; with this: max 1.1 s).
    cluster.schedulingPolicy = cluster.SCHED_NONE
    supervise(config.workers, demo)
  }
} else {
  await serve(openDatabase(config))
}
