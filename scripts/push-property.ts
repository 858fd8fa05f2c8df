// `npx tsx scripts/push-property.ts [--runs 1000 --seed 12]` (DATABASE_URL: on PostgreSQL, in a
// throw-away database next to it):
// the seeded property run of generated push bodies against a real server process (issue 12).
// Exits non-zero unless no request answered 5xx and no device got stuck.
import { parseArgs } from 'node:util'
import { withPostgresDatabase } from '../tests/chaos/postgres'
import { runPushProperty } from '../tests/chaos/pushProperty'

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '1000' },
    seed: { type: 'string', default: '12' },
  },
})

const run = (databaseUrl?: string) =>
  runPushProperty({ runs: Number(values.runs), seed: Number(values.seed), databaseUrl, log: (line) => console.log(line) })
// On PostgreSQL the server gets an empty database of its own, next to DATABASE_URL's.
const report = process.env.DATABASE_URL ? await withPostgresDatabase(process.env.DATABASE_URL, run) : await run()
console.log(`${process.env.DATABASE_URL ? 'PostgreSQL' : 'SQLite'}: ${report.summary}`)
process.exit(report.serverErrors === 0 && report.stuck === 0 && report.failure === null ? 0 : 1)
