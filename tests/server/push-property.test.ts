import { describe, expect, it } from 'vitest'
import { withPostgresDatabase } from '../chaos/postgres'
import { runPushProperty } from '../chaos/pushProperty'

// A short seeded property run of generated push bodies against a real server process (the full
// one: `npx tsx scripts/push-property.ts`, 1,000 bodies on each database).

const postgresUrl = process.env.DATABASE_URL || null
const short = { runs: 200 }

describe('generated push bodies (real server process, fast-check)', () => {
  it('answer no 5xx and leave no device stuck on SQLite', async () => {
    const report = await runPushProperty({ ...short, seed: 20261201, log: console.info })
    console.info(report.summary)
    expect(report).toMatchObject({ runs: short.runs, serverErrors: 0, stuck: 0, failure: null })
  }, 180_000)

  it.runIf(postgresUrl !== null)('answer no 5xx and leave no device stuck on PostgreSQL', async () => {
    const report = await withPostgresDatabase(postgresUrl!, (databaseUrl) => runPushProperty({ ...short, seed: 20261202, databaseUrl, log: console.info }))
    console.info(report.summary)
    expect(report).toMatchObject({ runs: short.runs, serverErrors: 0, stuck: 0, failure: null })
  }, 180_000)
})
