// `npm run test:chaos [-- --devices 5 --mutations 1000 --faults 200 --restarts 2 --seed 42 --servers 2]`
// Exits non-zero unless every device converged with nothing lost or applied twice. `--servers 2`
// (with DATABASE_URL) starts two server processes on one PostgreSQL database, one after the other,
// and sends each request of each phone to either, as a county's load balancer would.
import { parseArgs } from 'node:util'
import { withPostgresDatabase } from '../tests/chaos/postgres'
import { runChaos } from '../tests/chaos/run'

const { values } = parseArgs({
  options: {
    devices: { type: 'string', default: '5' },
    mutations: { type: 'string', default: '1000' },
    faults: { type: 'string', default: '200' },
    restarts: { type: 'string', default: '2' },
    seed: { type: 'string', default: String(Date.now() % 100000) },
    servers: { type: 'string', default: '1' },
  },
})

const run = (databaseUrl?: string) =>
  runChaos({
    devices: Number(values.devices),
    mutations: Number(values.mutations),
    faults: Number(values.faults),
    restarts: Number(values.restarts),
    seed: Number(values.seed),
    servers: Number(values.servers),
    databaseUrl,
    log: (line) => console.log(line),
  })
// On PostgreSQL the servers get an empty database of their own, next to DATABASE_URL's.
const report = process.env.DATABASE_URL ? await withPostgresDatabase(process.env.DATABASE_URL, run) : await run()
console.log(report.summary)
const ok = report.lost === 0 && report.unreported === 0 && report.duplicated === 0 && report.converged
process.exit(ok ? 0 : 1)
