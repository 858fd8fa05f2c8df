import type { FirstPullFigures } from './firstPull'
import type { LoadFigures, RunFigures, ScenarioFigures } from './load'
import { STEADY_BEHIND } from './load'
import type { PushFigures } from './push'
import type { WireFigures } from './wireSize'

/** Everything one database's run measured; a measure left out with `--only` is absent. */
export interface SyncFigures {
  database: string
  push?: PushFigures
  firstPull?: FirstPullFigures
  wire?: WireFigures
  /** Synced rows in the database during the load test. */
  loadRows?: number
  load?: LoadFigures
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

/** Why the p95 target is held against the steady state, said wherever the figures are printed. */
export const targetNote =
  `The p95 target is compared with the steady state: 200 phones pulling at once with cursors at or a few rows` +
  ` behind the head is what a township's phones do (a pull a minute, 0–${STEADY_BEHIND} new rows).` +
  ` The catch-up scenario (every request a full page from a random cursor, back to back) measures` +
  ` saturation throughput; its p95 is shown against the same 50 ms so the gap stays visible.`

function scenarioLines(title: string, figures: ScenarioFigures, comparedWithTarget: boolean): string[] {
  const p95 = figures.saturated.p95
  const verdict = comparedWithTarget
    ? ` — target p95 < ${targets.pullP95Ms} ms: ${mark(p95 < targets.pullP95Ms)}`
    : p95 < targets.pullP95Ms
      ? ` — also under ${targets.pullP95Ms} ms`
      : ` — ${(p95 / targets.pullP95Ms).toFixed(1)}× the ${targets.pullP95Ms} ms target (not the target's scenario)`
  return [
    `     ${title}`,
    `       ${run(figures.saturated, `${figures.saturated.connections} connections back to back`)}${verdict}`,
    `       ${run(figures.alone, 'one connection alone')}`,
  ]
}

/** The figures of one database, one line per measure, each with its target when it has one. */
export function formatFigures(f: SyncFigures): string {
  const { push, firstPull, wire, load } = f
  const lines = [`\n${f.database}`]
  if (push) {
    lines.push(
      `  1. push of ${int(push.mutations)} queued mutations: ${s(push.pushMs)}, ${int((push.mutations / push.pushMs) * 1000)} mutations/s` +
        ` (${push.requests} requests, ${s(push.serverMs)} of it in request round trips)` +
        ` — target < ${s(targets.pushMs)}: ${mark(push.pushMs < targets.pushMs)}`,
      `     (queueing them on the device took ${s(push.queueMs)}; the whole round with the pull back of ${int(push.pulled)} rows ${s(push.roundMs)})`,
    )
  }
  if (firstPull) {
    lines.push(
      `  2. first pull of ${int(firstPull.rows)} rows into IndexedDB in Chromium: ${s(firstPull.enrolledMs)} from tapping 登记` +
        ` to the round's end, the suggestion list on screen — target < ${s(targets.firstPullMs)}: ${mark(firstPull.enrolledMs < targets.firstPullMs)}`,
      `     (the same pull opened on the sync page, with no list to render: ${s(firstPull.syncPageMs)})`,
    )
  }
  if (wire) {
    lines.push(
      `  3. bytes per synced row: gzip ${wire.bytesPerRow.gzip.toFixed(1)}, br ${wire.bytesPerRow.br.toFixed(1)},` +
        ` uncompressed ${wire.bytesPerRow.identity.toFixed(1)} (${int(wire.rows)} rows in ${wire.pages} pages of ${wire.pageLimit};` +
        ` the server answers them to Node with gzip in ${s(wire.gzipPullMs)})`,
    )
  }
  if (load) {
    lines.push(
      `  4. pull under load, ${int(f.loadRows ?? 0)} rows in the database, up to ${load.limit} rows a page, Accept-Encoding ${load.encoding}:`,
      ...scenarioLines(`steady state (cursor at the head or up to ${STEADY_BEHIND} rows behind):`, load.steady, true),
      ...scenarioLines(`catch-up (a full page from a random cursor):`, load.catchUp, false),
      `     ${targetNote}`,
    )
  }
  return lines.join('\n')
}

type Row = [label: string, value: (f: SyncFigures) => string | null | undefined, target: string]

/** The headline figures of every database side by side. */
export function formatSummary(all: readonly SyncFigures[]): string {
  const pull = (f: SyncFigures, pick: (l: LoadFigures) => number) => (f.load ? pick(f.load) : null)
  const rows: Row[] = [
    ['push 1,000 mutations', (f) => f.push && s(f.push.pushMs), `< ${s(targets.pushMs)}`],
    ['push mutations/s', (f) => f.push && int((f.push.mutations / f.push.pushMs) * 1000), ''],
    ['first pull 10,000 rows (Chromium)', (f) => f.firstPull && s(f.firstPull.enrolledMs), `< ${s(targets.firstPullMs)}`],
    ['  the same on the sync page', (f) => f.firstPull && s(f.firstPull.syncPageMs), ''],
    ['gzip bytes per row', (f) => f.wire && f.wire.bytesPerRow.gzip.toFixed(1), ''],
    ['steady pull p50, 200 connections', (f) => pull(f, (l) => l.steady.saturated.p50)?.toFixed(1) ?? null, ''],
    ['steady pull p95, 200 connections', (f) => pull(f, (l) => l.steady.saturated.p95)?.toFixed(1) ?? null, `< ${targets.pullP95Ms} ms`],
    ['steady pull p99, 200 connections', (f) => pull(f, (l) => l.steady.saturated.p99)?.toFixed(1) ?? null, ''],
    ['steady pull requests/s', (f) => pull(f, (l) => l.steady.saturated.perSecond)?.toFixed(0) ?? null, ''],
    ['steady pull p50, one connection', (f) => pull(f, (l) => l.steady.alone.p50)?.toFixed(1) ?? null, ''],
    ['catch-up pull p50, 200 connections', (f) => pull(f, (l) => l.catchUp.saturated.p50)?.toFixed(1) ?? null, ''],
    ['catch-up pull p95, 200 connections', (f) => pull(f, (l) => l.catchUp.saturated.p95)?.toFixed(1) ?? null, '(50 ms, see note)'],
    ['catch-up pull p99, 200 connections', (f) => pull(f, (l) => l.catchUp.saturated.p99)?.toFixed(1) ?? null, ''],
    ['catch-up pull requests/s', (f) => pull(f, (l) => l.catchUp.saturated.perSecond)?.toFixed(0) ?? null, ''],
    ['catch-up pull p50, one connection', (f) => pull(f, (l) => l.catchUp.alone.p50)?.toFixed(1) ?? null, ''],
    ['load errors', (f) => (f.load ? String([f.load.steady, f.load.catchUp].reduce((n, x) => n + x.saturated.errors + x.alone.errors, 0)) : null), '0'],
  ]
  const header = ['', ...all.map((f) => f.database), 'target']
  const shown = rows.filter(([, value]) => all.some((f) => value(f) != null))
  const table = [header, ...shown.map(([label, value, target]) => [label, ...all.map((f) => value(f) ?? '—'), target])]
  const widths = header.map((_, i) => Math.max(...table.map((r) => r[i]!.length)))
  const lines = table.map((r) => r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  '))
  if (shown.some(([label]) => label.includes('pull p'))) lines.push('(pull latencies in ms)', targetNote)
  return lines.join('\n')
}
