import { tableNames } from '@shared/records'
import type { RunningServer } from '../../tests/e2e/support/server'
import { startServer } from '../../tests/e2e/support/server'
import { enrolAdmin, enrolNewCadre, newCadreCode } from './api'
import type { BenchTarget } from './database'
import { benchFirstPull } from './firstPull'
import { benchPullLoad } from './load'
import type { LoadDevice, LoadOptions } from './load'
import { benchPush } from './push'
import type { SyncFigures } from './report'
import { countSyncedRows, seedSuggestions, seedVillages, villageVersions } from './seed'
import { measureWireSize } from './wireSize'

/** The four measures of issue 3; `--only` picks some of them. */
export const measures = ['push', 'first-pull', 'wire', 'load'] as const
export type Measure = (typeof measures)[number]

export interface RunOptions {
  /** Which measures to take (the rows they need are seeded either way). */
  measures: ReadonlySet<Measure>
  distDir: string
  pushMutations: number
  firstPullRows: number
  loadRows: number
  /** Villages the load rows are spread over, and how many of them get a device in the load. */
  loadVillages: number
  loadDevices: number
  load: LoadOptions
  /** Extra server environment, e.g. the CPU profiler preload of `--cpu-prof`. */
  serverEnv?: Record<string, string>
  log: (line: string) => void
}

/**
 * Every measure against one database: a real server process on loopback (its own data folder),
 * a second connection from here to seed rows directly, and the clients the measures need.
 * Rows accumulate from one measure to the next, up to `loadRows` for the load test.
 */
export async function runTarget(target: BenchTarget, options: RunOptions): Promise<SyncFigures> {
  const { log } = options
  log(`\n${target.label}: starting the server`)
  // Request logs off: 200 connections of pulls would otherwise time pino as much as the server.
  const server: RunningServer = await startServer({ distDir: options.distDir, env: { ...target.env, LOG_LEVEL: 'warn', ...options.serverEnv } })
  const database = target.open(server.dataDir)
  try {
    const { db } = database
    const admin = await enrolAdmin(server)
    const township = admin.township.id
    const [pushVillage, pullVillage] = (await seedVillages(db, township, 2)) as [string, string]

    const figures: SyncFigures = { database: target.label }
    if (options.measures.has('push')) {
      log(`${target.label}: 1. pushing ${options.pushMutations} queued mutations`)
      const pusher = await enrolNewCadre(server, admin, pushVillage, '推送测试员')
      figures.push = await benchPush(server, pusher, db, options.pushMutations)
    }

    await seedSuggestions(db, [pullVillage], options.firstPullRows, 1)
    if (options.measures.has('first-pull')) {
      log(`${target.label}: 2. first pull of ${options.firstPullRows} rows in Chromium`)
      figures.firstPull = await benchFirstPull(
        server,
        { code: await newCadreCode(server, admin, pullVillage, '首次同步员') },
        options.firstPullRows,
      )
    }

    if (options.measures.has('wire')) {
      log(`${target.label}: 3. bytes per synced row`)
      const reader = await enrolNewCadre(server, admin, pullVillage, '流量测试员')
      // Pages of 500 rows: the sync engine's default, so what a first pull costs on the wire.
      figures.wire = await measureWireSize(server, reader, 500)
    }
    if (!options.measures.has('load')) return figures

    const villages = await seedVillages(db, township, options.loadVillages - 1, 2)
    const missing = options.loadRows - (await countSyncedRows(db, tableNames))
    log(`${target.label}: 4. seeding ${missing} more rows, then pulls from ${options.load.connections} connections, catch-up and steady state, ${options.load.seconds} s each`)
    await seedSuggestions(db, villages, missing, 2)
    figures.loadRows = await countSyncedRows(db, tableNames)
    const devices: LoadDevice[] = []
    for (const [i, villageId] of [pullVillage, ...villages].slice(0, options.loadDevices).entries()) {
      const session = await enrolNewCadre(server, admin, villageId, `压测员${i + 1}`)
      devices.push({ session, versions: await villageVersions(db, villageId) })
    }
    figures.load = await benchPullLoad(server, devices, options.load)
    return figures
  } finally {
    await database.db.destroy()
    await server.stop()
  }
}
