// `npm run bench:township [-- --runs 10] [--villages 50] [--suggestions 20000] [--escalations 5000] [--cpu-slowdown 1]`
//
// How the township desk holds up with a large township, in headless Chromium at a 1280×800 desk:
// a device enrolled as township staff holds 50 villages, 20,000 suggestions (with their meetings,
// topics, decisions and remarks) and 5,000 escalations in IndexedDB, written straight into the
// app's Dexie database in the shape sync/apply writes. Offline (so no sync round competes), it
// measures (a) the queue loaded afresh until its rows are on screen (also right after a record
// changed, when its rows are read before anything is shown) and (b) a filter change (a
// village) until the queue shows it, (c) the statistics page loaded afresh until the township's
// figures and the village table are on screen — from the facts kept on the device, and right after
// a record changed, when it shows the kept figures while a worker counts again — and (d) the .xlsx export of the whole ledger, from
// the tap until the file is handed to the browser. Prints the median and p95 of several runs next
// to issue 10's targets (queue < 200 ms, statistics < 500 ms, xlsx < 5 s); never fails on a slow figure.
// For comparison it also times the settings page (the app starting, no township data read) and a
// blank page that reads one IndexedDB entry (what any page loaded afresh costs on this machine).
// `--cpu-slowdown 4` runs the pages' main threads four times slower (Chromium's CPU throttling, as
// DevTools does), for a cheaper phone than this machine: the figures move with the machine.
import { rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import type { Page } from 'playwright-core'
import { enrolResponse } from '@shared/api/identity'
import { todayInShanghai } from '@shared/calendar'
import zh from '@app/locales/zh-CN'
import { goOffline, launchDevice, waitForServiceWorkerControl } from '../tests/e2e/support/browser'
import { buildIntoTempDir } from '../tests/e2e/support/build'
import { freshCode } from '../tests/e2e/support/codes'
import { enrolAs } from '../tests/e2e/support/enrol'
import { startServer } from '../tests/e2e/support/server'
import { post } from './bench/api'
import { coldOpen, waitForAppDb } from './bench/meetingPage'
import { townshipSeed } from './bench/townshipSeed'

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '10' },
    villages: { type: 'string', default: '50' },
    suggestions: { type: 'string', default: '20000' },
    escalations: { type: 'string', default: '5000' },
    'cpu-slowdown': { type: 'string', default: '1' },
  },
})
const slowdown = Number(values['cpu-slowdown'])
if (!(slowdown >= 1)) {
  console.error('--cpu-slowdown takes a number from 1 up')
  process.exit(2)
}
const runs = Number(values.runs)
const villageCount = Number(values.villages)
const suggestionCount = Number(values.suggestions)
const escalationCount = Number(values.escalations)
if (![runs, villageCount, suggestionCount, escalationCount].every((n) => Number.isInteger(n) && n > 0)) {
  console.error('--runs, --villages, --suggestions and --escalations take positive whole numbers')
  process.exit(2)
}

const log = (line: string) => console.log(line)
const machine = () =>
  `load average ${os.loadavg()[0]!.toFixed(1)} on ${os.availableParallelism()} cores${slowdown > 1 ? `, the pages' CPU ${slowdown}× slower` : ''}`

/** Slows the page's main thread down by `--cpu-slowdown` (it holds across its reloads). */
async function throttle(page: Page): Promise<void> {
  if (slowdown === 1) return
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: slowdown })
}

function summary(samples: readonly number[]): { median: number; p95: number; min: number; max: number } {
  const sorted = [...samples].sort((a, b) => a - b)
  const rank = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!
  return { median: rank(0.5), p95: rank(0.95), min: sorted[0]!, max: sorted.at(-1)! }
}

function line(label: string, samples: readonly number[], target?: number): string {
  if (samples.length === 0) return `  ${label}: not measured`
  const s = summary(samples)
  const figures = `median ${s.median.toFixed(0)} ms, p95 ${s.p95.toFixed(0)} ms (min ${s.min.toFixed(0)}, max ${s.max.toFixed(0)}; ${samples.length} runs)`
  const mark = target === undefined ? '' : ` — target < ${target} ms: ${s.p95 < target ? 'met' : s.median < target ? 'median met, p95 MISSED' : 'MISSED'}`
  return `  ${label}: ${figures}${mark}`
}

async function sample(measure: (i: number) => Promise<number>, count = runs): Promise<number[]> {
  await measure(-1)
  const out: number[] = []
  for (let i = 0; i < count; i++) out.push(await measure(i))
  return out
}

/** Writes rows into the app's IndexedDB, a few thousand per transaction. */
async function writeRows(page: Page, table: string, rows: readonly unknown[]): Promise<void> {
  for (let start = 0; start < rows.length; start += 2500) {
    const chunk = rows.slice(start, start + 2500)
    await page.evaluate(`(async () => {
      const db = await new Promise((resolve, reject) => { const r = indexedDB.open('yehua'); r.onsuccess = () => resolve(r.result); r.onerror = () => reject(r.error) })
      try {
        const tx = db.transaction(${JSON.stringify(table)}, 'readwrite')
        const store = tx.objectStore(${JSON.stringify(table)})
        for (const row of ${JSON.stringify(chunk)}) store.put(row)
        await new Promise((resolve, reject) => { tx.oncomplete = resolve; tx.onerror = () => reject(tx.error) })
      } finally { db.close() }
    })()`)
  }
}

/** Moves the records' stamp, as any write of the app's does: the statistics' kept facts are then behind. */
function moveRecordsStamp(page: Page): Promise<void> {
  return page.evaluate(`(async () => {
    const db = await new Promise((resolve, reject) => { const r = indexedDB.open('yehua'); r.onsuccess = () => resolve(r.result); r.onerror = () => reject(r.error) })
    try {
      const tx = db.transaction('meta', 'readwrite')
      tx.objectStore('meta').put({ key: 'recordsStamp', value: 'bench-' + performance.now() })
      await new Promise((resolve, reject) => { tx.oncomplete = resolve; tx.onerror = () => reject(tx.error) })
    } finally { db.close() }
  })()`)
}

/** A frame after `ready` holds, in ms since t0 (set in the page just before the action). */
const untilReady = (ready: string, timeoutMs = 60_000) => `new Promise((resolve, reject) => {
  const ready = () => { try { return ${ready} } catch { return false } }
  const painted = () => requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - t0), 0))
  if (ready()) return painted()
  const observer = new MutationObserver(() => { if (!ready()) return; observer.disconnect(); clearTimeout(timer); painted() })
  observer.observe(document.documentElement, { childList: true, subtree: true, characterData: true, attributes: true })
  const timer = setTimeout(() => { observer.disconnect(); reject(new Error('not ready after ${timeoutMs} ms: ' + (document.body?.innerText ?? '').slice(0, 400))) }, ${timeoutMs})
})`

/** The desk's queue with rows on screen: desk-core's `queue-ready` marker, or the older card list. */
const queueShown = `(document.querySelector('[data-testid="queue-ready"]')?.querySelectorAll('tr, li').length ?? 0) > 0 || document.querySelectorAll('.queue-page li').length > 0`
const statsShown = `document.querySelector('[data-testid="stats-ready"] .stats-page__figure dd') !== null && document.querySelectorAll('.stats-table tbody tr').length > 0`

/** Chooses a village in the queue's village filter and times until the queue shows that filter. */
function changeVillage(page: Page, villageId: string): Promise<number> {
  return page.evaluate(`(async () => {
    const select = document.querySelector('select[name="village"]')
    if (!select) return -1
    const wanted = ${JSON.stringify(villageId)}
    const t0 = performance.now()
    select.value = select.value === wanted ? '' : wanted
    select.dispatchEvent(new Event('change', { bubbles: true }))
    const query = select.value ? 'village=' + select.value : ''
    return await ${untilReady(`(() => { const q = document.querySelector('[data-testid="queue-ready"]')?.getAttribute('data-query') ?? ''; return query ? q.includes(query) : !q.includes('village=') })()`, 10_000)}
  })()`)
}

/** Goes to `path` inside the running app (as a link does: vue-router follows popstate) and times until `ready`. */
function navigate(page: Page, path: string, ready: string): Promise<number> {
  return page.evaluate(`(async () => {
    const t0 = performance.now()
    history.pushState({}, '', ${JSON.stringify(path)})
    dispatchEvent(new PopStateEvent('popstate', { state: history.state }))
    return await ${untilReady(ready, 60_000)}
  })()`)
}

function exportLedger(page: Page): Promise<number> {
  return page.evaluate(`(async () => {
    const message = document.querySelector('.export-buttons__message')
    message.textContent = ''
    const t0 = performance.now()
    document.querySelector('[data-export="ledger-xlsx"]').click()
    return await ${untilReady(`document.querySelector('.export-buttons__message').textContent.startsWith(${JSON.stringify(zh.reports.export.done.split('{')[0])})`, 120_000)}
  })()`)
}

/**
 * What any page costs here before an app's own work: a blank page whose one module reads an
 * IndexedDB entry (as the app reads its session) and shows it, reloaded as the app is below — in a
 * browser of its own, from the network without a service worker. Milliseconds per run.
 */
async function blankPageFloor(distDir: string, baseURL: string): Promise<number[]> {
  await writeFile(path.join(distDir, 'bench-blank.html'), '<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>空白</title><script type="module" src="/bench-blank.js"></script></head><body></body></html>')
  await writeFile(path.join(distDir, 'bench-blank.js'), `
    const request = indexedDB.open('bench-blank', 1)
    request.onupgradeneeded = () => request.result.createObjectStore('meta', { keyPath: 'key' }).put({ key: 'session', value: '已登记' })
    request.onsuccess = () => {
      const get = request.result.transaction('meta').objectStore('meta').get('session')
      get.onsuccess = () => { const shown = document.createElement('p'); shown.id = 'shown'; shown.textContent = get.result.value; document.body.append(shown) }
    }`)
  const blank = await launchDevice({ baseURL, serviceWorkers: 'block' })
  try {
    await blank.page.setViewportSize({ width: 1280, height: 800 })
    await throttle(blank.page)
    return await sample(() => coldOpen(blank.page, '/bench-blank.html', `document.querySelector('#shown') !== null`))
  } finally {
    await blank.close()
  }
}

const started = performance.now()
log(`bench:township, ${machine()}; building the app into a private folder…`)
const distDir = await buildIntoTempDir()
const server = await startServer({ distDir, env: { LOG_LEVEL: 'warn' } })
let failed = false
try {
  const floor = await blankPageFloor(distDir, server.url)
  const session = await post(server, '/api/enrol', enrolResponse, { code: await freshCode(server, 'township'), label: 'bench:township' })
  const today = todayInShanghai(new Date())
  const seed = townshipSeed({
    townshipId: session.township.id, villages: villageCount, suggestions: suggestionCount, escalations: escalationCount, today,
  })
  log(`seeding: ${Object.entries(seed).map(([table, rows]) => `${rows.length} ${table}`).join(', ')}` +
    ` (${seed.suggestions.filter((s) => s.rating?.by === 'villager').length} suggestions rated by villagers)`)

  const device = await launchDevice({ baseURL: server.url })
  try {
    const { page } = device
    await page.setViewportSize({ width: 1280, height: 800 })
    await page.goto('/enrol')
    await waitForServiceWorkerControl(page)
    await enrolAs(page, await freshCode(server, 'township'))
    await waitForAppDb(page)
    // Let the first download of the demo township finish, then cut the network: no sync round
    // competes with the measures and the shell comes from the service worker's precache.
    // (a locator, not a string predicate: polling one is an eval, which the app's CSP refuses)
    await page.locator('[data-testid="queue-ready"], .queue-page').first().waitFor({ timeout: 60_000 })
    await page.waitForTimeout(1_500)
    // The report libraries (ECharts, exceljs) are cached the first time they load, not precached:
    // open the statistics and export once online, as a desk does before it is ever offline.
    await page.goto('/stats')
    await page.locator('[data-testid="stats-ready"]').waitFor({ timeout: 60_000 })
    await exportLedger(page)
    await page.waitForTimeout(500)
    await goOffline(device.context)
    const seedStarted = performance.now()
    for (const [table, rows] of Object.entries(seed)) await writeRows(page, table, rows)
    // Written past the app, so stamped by hand as every write of the app's is (src/app/db/stamp.ts).
    await moveRecordsStamp(page)
    await throttle(page)
    log(`  ${Object.values(seed).reduce((n, rows) => n + rows.length, 0)} rows written into IndexedDB in ${((performance.now() - seedStarted) / 1000).toFixed(1)} s`)

    // The desk opened once after the rows arrived, and looked at for a moment: the app keeps the
    // queue's rows as one value 250 ms after reading them (src/app/db/kept.ts), which the back-to-back
    // reloads below would otherwise never leave it time to do. The same for the statistics' facts.
    const lookAt = async (path: string, shown: string) => {
      await coldOpen(page, path, shown, 60_000)
      await page.waitForTimeout(1_000)
    }
    await lookAt('/township', queueShown)
    log('(a) the queue, loaded afresh')
    const queue = await sample(() => coldOpen(page, '/township', queueShown, 60_000))
    // After a record changed (a sync round, an action at the desk) and before the page kept its
    // first screen again: the rows are read afresh before anything is shown.
    const queueChanged = await sample(async () => {
      await moveRecordsStamp(page)
      return coldOpen(page, '/township', queueShown, 60_000)
    }, Math.min(runs, 5))
    await lookAt('/township', queueShown)
    // The same, with the app already running (from its settings page, as the 镇街 tab does): the
    // queue's rows are read then, the first time since the app started.
    const queueInApp = await sample(async () => {
      await coldOpen(page, '/settings', `document.querySelector('#settings-member') !== null`)
      return navigate(page, '/township', queueShown)
    })
    log('(b) a filter change in the queue (a village)')
    const villages = seed.villages.map((v) => v.id)
    const first = await changeVillage(page, villages[0]!)
    const filter = first < 0 ? [] : await sample((i) => changeVillage(page, villages[(i + villages.length) % villages.length]!))
    log('(c) the statistics page, loaded afresh')
    await lookAt('/stats', statsShown)
    const statsMonth = await sample(() => coldOpen(page, '/stats', statsShown, 60_000))
    const stats = await sample(() => coldOpen(page, '/stats?period=year', statsShown, 60_000))
    const statsAll = await sample(() => coldOpen(page, '/stats?period=all', statsShown, 60_000))
    // After a record changed (a sync round, an action at the desk) and before the background
    // worker has derived the facts again: the page shows the kept figures, saying it counts again,
    // while the worker derives them; then the new figures.
    // Each run waits for the worker to finish before the next: a reload does not stop the
    // browser's reading for a worker it ends, and that reading would slow the next run.
    const recounted = `${statsShown} && document.querySelector('[data-testid="stats-updating"]') === null`
    const statsRecounted: number[] = []
    const statsChanged = await sample(async (i) => {
      await moveRecordsStamp(page)
      const shown = await coldOpen(page, '/stats?period=year', statsShown, 60_000)
      const fresh = await page.evaluate(`(async () => { const t0 = 0; return await ${untilReady(recounted)} })()`) as number
      if (i >= 0) statsRecounted.push(fresh)
      await page.waitForTimeout(300)
      return shown
    }, Math.min(runs, 5))
    // From the queue to the statistics inside the app, as the link does; the app keeps the rows it
    // read last, so only the first visit after the app started reads the device database.
    const fromQueue = async (warm: boolean) => {
      await coldOpen(page, '/township', queueShown, 60_000)
      if (warm) {
        await navigate(page, '/stats?period=year', statsShown)
        await navigate(page, '/township', queueShown)
      }
      return navigate(page, '/stats?period=year', statsShown)
    }
    const statsFirst = await sample(() => fromQueue(false))
    const statsAgain = await sample(() => fromQueue(true))
    log('(d) the .xlsx export of the whole ledger')
    const xlsx = await sample(() => exportLedger(page), Math.min(runs, 5))
    const appStart = await sample(() => coldOpen(page, '/settings', `document.querySelector('#settings-member') !== null`))

    if (device.errors.length > 0) throw new Error(`the page reported errors:\n${device.errors.join('\n')}`)
    log(`\nbench:township — ${villageCount} villages, ${suggestionCount.toLocaleString('en-US')} suggestions, ${escalationCount.toLocaleString('en-US')} escalations; headless Chromium at 1280×800, offline`)
    log(line('(a) queue, loaded afresh (app start included) until its rows are on screen', queue, 200))
    log(line('(a) queue, loaded afresh right after a record changed: its rows read before anything is shown', queueChanged, 200))
    log(line('(a) queue, opened inside the running app (its rows read then, the first time since the app started)', queueInApp, 200))
    log(first < 0 ? '  (b) filter change: not measured (this build\'s queue has no village filter)' : line('(b) filter change (village) until the queue shows it', filter, 200))
    log(line('(c) statistics, this month (the page\'s default), loaded afresh (app start included) until the figures and the village table are on screen', statsMonth, 500))
    log(line('(c) statistics, this year, loaded afresh', stats, 500))
    log(line('(c) statistics, all records, loaded afresh', statsAll, 500))
    log(line('(c) statistics, this year, loaded afresh right after a record changed: the kept figures on screen, marked as being counted again', statsChanged, 500))
    log(line('    … and until the figures counted again (by the worker) replace them', statsRecounted))
    log(line('(c) statistics, this year, opened from the queue inside the app (first time since the app started)', statsFirst, 500))
    log(line('(c) statistics, this year, opened from the queue again', statsAgain, 500))
    log(line('(d) .xlsx export of the whole ledger, from the tap until the file is handed to the browser', xlsx, 5_000))
    log(line('    for comparison, the settings page loaded afresh (the app starting, no township data read)', appStart))
    log(line('    for comparison, a blank page that reads one IndexedDB entry, loaded afresh (what any page costs here)', floor))
  } finally {
    await device.close()
  }
} catch (error) {
  failed = true
  console.error('\nbench:township failed:', error)
} finally {
  await server.stop()
  await rm(distDir, { recursive: true, force: true })
}
log(`\nbench:township took ${((performance.now() - started) / 1000).toFixed(0)} s; ${machine()}`)
process.exit(failed ? 1 : 0)
