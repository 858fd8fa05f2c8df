import { describe, expect, it } from 'vitest'
import { withPostgresDatabase } from '../chaos/postgres'
import { runChaos } from '../chaos/run'

const postgresUrl = process.env.DATABASE_URL || null

// The small run; `npm run test:chaos` runs 5 devices × 1,000 mutations with 200 faults.
const small = { devices: 3, mutations: 150, faults: 30, restarts: 1 }

describe('sync under faults (real server process, fault proxy, client engine on fake-indexeddb)', () => {
  it('converges with nothing lost or applied twice on SQLite', async () => {
    const report = await runChaos({ ...small, seed: 20261128, log: console.info })
    console.info(report.summary)
    expect(report).toMatchObject({ lost: 0, unreported: 0, duplicated: 0, converged: true, restarts: 1 })
    expect(report.faults).toBeGreaterThan(0)
  }, 180_000)

  it.runIf(postgresUrl !== null)('converges with nothing lost or applied twice on PostgreSQL', async () => {
    const report = await withPostgresDatabase(postgresUrl!, (url) => runChaos({ ...small, seed: 20261129, databaseUrl: url, log: console.info }))
    console.info(report.summary)
    expect(report).toMatchObject({ lost: 0, unreported: 0, duplicated: 0, converged: true, restarts: 1 })
  }, 180_000)

  it.runIf(postgresUrl !== null)('converges with two server processes on one PostgreSQL database, each phone talking to either', async () => {
    const report = await withPostgresDatabase(postgresUrl!, (url) => runChaos({ ...small, seed: 20261203, databaseUrl: url, servers: 2, log: console.info }))
    console.info(report.summary)
    expect(report).toMatchObject({ servers: 2, lost: 0, unreported: 0, duplicated: 0, converged: true, restarts: 1 })
  }, 180_000)
})
