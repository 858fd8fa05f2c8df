import type { FirstPullFigures } from './firstPull'
import type { LoadFigures, RunFigures } from './load'
import type { PushFigures } from './push'
import type { WireFigures } from './wireSize'

/** Everything one database's run measured. */
export interface SyncFigures {
  database: string
  push: PushFigures
  firstPull: FirstPullFigures
  wire: WireFigures
  /** Synced rows in the database during the load test. */
  loadRows: number
  load: LoadFigures
}

/** Issue 3's targets; printed next to the figures, never enforced. */
export const targets = { pushMs: 3_000, firstPullMs: 10_000, pullP95Ms: 50 }

const int = (n: number) => Math.round(n).toLocaleString('en-US')
const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`
const ms = (n: number) => `${n.toFixed(1)} ms`
const mark = (ok: boolean) => (ok ? 'met' : 'MISSED')

/** One autocannon run on one line. */
function run(r: RunFigures, what: string): string {
  return `${what}, ${r.seconds} s: p50 ${ms(r.p50)}, p95 ${ms(r.p95)}, p99 ${ms(r.p99)}, max ${ms(r.max)};` +
    ` ${int(r.perSecond)} requests/s (${int(r.requests)}, ${int(r.bytesPerResponse)} B each), errors ${r.errors}`
}

/** The figures of one database, one line per measure, each with its target when it has one. */
export function formatFigures(f: SyncFigures): string {
  const { push, firstPull, wire, load } = f
  const lines = [
    `\n${f.database}`,
    `  1. push of ${int(push.mutations)} queued mutations: ${s(push.pushMs)}, ${int((push.mutations / push.pushMs) * 1000)} mutations/s` +
      ` (${push.requests} requests, ${s(push.serverMs)} of it in request round trips)` +
      ` — target < ${s(targets.pushMs)}: ${mark(push.pushMs < targets.pushMs)}`,
    `     (queueing them on the device took ${s(push.queueMs)}; the whole round with the pull back of ${int(push.pulled)} rows ${s(push.roundMs)})`,
    `  2. first pull of ${int(firstPull.rows)} rows into IndexedDB in Chromium: ${s(firstPull.enrolledMs)} from tapping 登记` +
      ` to the round's end, the suggestion list on screen — target < ${s(targets.firstPullMs)}: ${mark(firstPull.enrolledMs < targets.firstPullMs)}`,
    `     (the same pull opened on the sync page, with no list to render: ${s(firstPull.syncPageMs)};` +
      ` the server answers its ${wire.pages} pages to Node in ${s(wire.gzipPullMs)})`,
    `  3. bytes per synced row: gzip ${wire.bytesPerRow.gzip.toFixed(1)}, br ${wire.bytesPerRow.br.toFixed(1)},` +
      ` uncompressed ${wire.bytesPerRow.identity.toFixed(1)} (${int(wire.rows)} rows in ${wire.pages} pages of ${wire.pageLimit})`,
    `  4. pull under load, ${int(f.loadRows)} rows in the database, ${load.limit} rows a page from a random cursor, Accept-Encoding ${load.encoding}:`,
    `     ${run(load.saturated, `${load.saturated.connections} connections back to back`)}` +
      ` — target p95 < ${targets.pullP95Ms} ms: ${mark(load.saturated.p95 < targets.pullP95Ms)}`,
    `     ${run(load.alone, 'one connection alone')}`,
  ]
  return lines.join('\n')
}

/** The headline figures of every database side by side. */
export function formatSummary(all: readonly SyncFigures[]): string {
  const rows: [string, (f: SyncFigures) => string, string][] = [
    ['push 1,000 mutations', (f) => s(f.push.pushMs), `< ${s(targets.pushMs)}`],
    ['push mutations/s', (f) => int((f.push.mutations / f.push.pushMs) * 1000), ''],
    ['first pull 10,000 rows (Chromium)', (f) => s(f.firstPull.enrolledMs), `< ${s(targets.firstPullMs)}`],
    ['  the same on the sync page', (f) => s(f.firstPull.syncPageMs), ''],
    ['gzip bytes per row', (f) => f.wire.bytesPerRow.gzip.toFixed(1), ''],
    ['pull p50, 200 connections', (f) => ms(f.load.saturated.p50), ''],
    ['pull p95, 200 connections', (f) => ms(f.load.saturated.p95), `< ${targets.pullP95Ms} ms`],
    ['pull p99, 200 connections', (f) => ms(f.load.saturated.p99), ''],
    ['pull requests/s (saturated)', (f) => int(f.load.saturated.perSecond), ''],
    ['pull p50 / p95, one connection', (f) => `${ms(f.load.alone.p50)} / ${ms(f.load.alone.p95)}`, ''],
    ['load errors', (f) => String(f.load.saturated.errors + f.load.alone.errors), '0'],
  ]
  const header = ['', ...all.map((f) => f.database), 'target']
  const table = [header, ...rows.map(([label, value, target]) => [label, ...all.map(value), target])]
  const widths = header.map((_, i) => Math.max(...table.map((r) => r[i]!.length)))
  return table.map((r) => r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ')).join('\n')
}
