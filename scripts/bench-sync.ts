// `npm run bench:sync [-- --pg] [--pg-only] [--seconds 12] [--connections 200] [--workers auto|N]
//                     [--encoding gzip|identity] [--cpu-prof DIR] [--only push,first-pull,wire,load]`
//
// Sync performance figures on SQLite, and on PostgreSQL when DATABASE_URL is set or with --pg
// (a throw-away database on that server, dropped afterwards): push of 1,000 queued mutations,
// first pull of 10,000 rows into IndexedDB in headless Chromium, bytes per synced row, and pull
// latency under autocannon with 100,000 rows in the database. Prints figures next to issue 3's
// targets and never fails on a slow number; exits non-zero only when something breaks.

// The push measure runs the client engine on fake-indexeddb, which must be installed before Dexie loads.
import 'fake-indexeddb/auto'
import { mkdir, mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { buildIntoTempDir } from '../tests/e2e/support/build'
import { DEFAULT_PG_URL, postgresTarget, sqliteTarget } from './bench/database'
import type { BenchTarget } from './bench/database'
import { formatFigures, formatSummary } from './bench/report'
import type { SyncFigures } from './bench/report'
import { measures, runTarget } from './bench/runTarget'

const { values } = parseArgs({
  options: {
    pg: { type: 'boolean', default: false },
    'pg-only': { type: 'boolean', default: false },
    seconds: { type: 'string', default: '12' },
    connections: { type: 'string', default: '200' },
    encoding: { type: 'string', default: 'gzip' },
    /** The server's WORKERS: `auto` (one per core, as the README deploys it) or a number. */
    workers: { type: 'string', default: 'auto' },
    /** Write the server's CPU profiles (`.cpuprofile`, for Chrome DevTools) into this folder. */
    'cpu-prof': { type: 'string' },
    /** Some of the measures, comma-separated (all by default). */
    only: { type: 'string', default: measures.join(',') },
  },
})
const requested = values.only.split(',').map((m) => m.trim())
const unknown = requested.filter((m) => !(measures as readonly string[]).includes(m))
const chosen = new Set(measures.filter((m) => requested.includes(m)))
if (unknown.length > 0) {
  console.error(`--only takes ${measures.join(', ')}; not ${unknown.join(', ')}`)
  process.exit(2)
}
const encoding = values.encoding === 'identity' ? 'identity' : 'gzip'
const seconds = Number(values.seconds)
const connections = Number(values.connections)
if (!(seconds > 0 && Number.isInteger(connections) && connections > 0)) {
  console.error('--seconds and --connections take positive numbers')
  process.exit(2)
}
const pgUrl = process.env.DATABASE_URL || (values.pg || values['pg-only'] ? DEFAULT_PG_URL : null)
const log = (line: string) => console.log(line)
/** Other work on this small machine skews every figure: say how busy it was. */
const machine = () => `load average ${os.loadavg()[0]!.toFixed(1)} on ${os.availableParallelism()} cores`

/** Server environment that preloads the profiler (Node refuses `--cpu-prof` in NODE_OPTIONS). */
async function profileEnv(dir: string): Promise<Record<string, string>> {
  await mkdir(dir, { recursive: true })
  const preload = new URL('./bench/cpuProfile.mjs', import.meta.url).href
  return { NODE_OPTIONS: `--import ${preload}`, BENCH_CPU_PROFILE_DIR: dir }
}

const started = performance.now()
log(`bench:sync, ${machine()}, server WORKERS=${values.workers}${chosen.has('first-pull') ? '; building the app into a private folder…' : ''}`)
// Only the first pull runs the app in Chromium; the other measures need no build.
const distDir = chosen.has('first-pull') ? await buildIntoTempDir() : await mkdtemp(path.join(os.tmpdir(), 'yehua-bench-nodist-'))
const results: SyncFigures[] = []
let failed = false
try {
  const targets: (() => Promise<BenchTarget>)[] = []
  if (!values['pg-only']) targets.push(async () => sqliteTarget())
  if (pgUrl) targets.push(() => postgresTarget(pgUrl))
  for (const make of targets) {
    let target: BenchTarget | null = null
    try {
      target = await make()
      const figures = await runTarget(target, {
        measures: chosen,
        distDir,
        pushMutations: 1_000,
        firstPullRows: 10_000,
        loadRows: 100_000,
        loadVillages: 20,
        loadDevices: 8,
        load: { connections, seconds, limit: 100, encoding },
        serverEnv: { WORKERS: values.workers, ...(values['cpu-prof'] ? await profileEnv(path.resolve(values['cpu-prof'])) : {}) },
        log,
      })
      results.push(figures)
      log(formatFigures(figures))
      log(`  (${machine()} at the end)`)
    } catch (error) {
      failed = true
      console.error(`\n${target?.label ?? 'PostgreSQL'} run failed:`, error)
    } finally {
      await target?.dispose()
    }
  }
} finally {
  await rm(distDir, { recursive: true, force: true })
}

if (!pgUrl) log('\nPostgreSQL skipped: set DATABASE_URL or pass --pg to measure it too.')
if (results.length > 0) log(`\n${formatSummary(results)}`)
log(`\nbench:sync took ${((performance.now() - started) / 1000).toFixed(0)} s; ${machine()}`)
process.exit(failed ? 1 : 0)
