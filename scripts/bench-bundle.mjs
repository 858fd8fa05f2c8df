#!/usr/bin/env node
// `npm run bench:bundle`: what the first screen costs a phone. Builds the app, starts the real
// server, loads the first route in headless Chromium (service worker blocked, so precache traffic
// is not counted) and prints the JS and CSS the page actually requested: raw and gzip sizes per
// file and in total, against the floor measured for a bare build of this stack (docs/TOOLCHAIN.md).
// Then the villager page (`/v/<code>`, the poster's link) on a fresh phone: its JS and CSS, and
// every byte a first visit transfers with its service worker installing and precaching, against
// the villager budget (70 KB gzip JS+CSS, 150 KB transferred). Prints figures; never fails on size.
import { rm } from 'node:fs/promises'
import { gzipSync } from 'node:zlib'
import { tsImport } from 'tsx/esm/api'

const FLOOR_KB = 150
// A page that hangs must not hang the benchmark; on exit the harness stops the server.
setTimeout(() => {
  console.error('bench:bundle gave up after 5 minutes (is the app stuck on its first route?)')
  process.exit(1)
}, 5 * 60_000).unref()
const harness = (path) => tsImport(path, import.meta.url)
const { buildIntoTempDir } = await harness('../tests/e2e/support/build.ts')
const { startServer, codeFor } = await harness('../tests/e2e/support/server.ts')
const { launchDevice } = await harness('../tests/e2e/support/browser.ts')
const { enrolAs } = await harness('../tests/e2e/support/enrol.ts')

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`

/** Loads `path` and resolves to the JS and CSS files it requested, each once, with their sizes. */
async function measure(page, path) {
  // A blank page first: what the page before it still had in flight (a sync round's chunks after
  // an enrolment) would otherwise be counted with this one's, some files twice.
  await page.goto('about:blank')
  const assets = new Map()
  const pending = []
  const onResponse = (response) => pending.push(record(response))
  const record = async (response) => {
    const type = response.request().resourceType()
    const file = new URL(response.url()).pathname
    if ((type !== 'script' && type !== 'stylesheet') || assets.has(file)) return
    assets.set(file, null)
    // The same bytes from the server directly: asking a busy page for them can wait for ever.
    const body = Buffer.from(await (await fetch(response.url())).arrayBuffer())
    assets.set(file, { file, type, raw: body.length, gzip: gzipSync(body, { level: 9 }).length })
  }
  page.on('response', onResponse)
  await page.goto(path, { waitUntil: 'networkidle' })
  page.off('response', onResponse)
  await Promise.all(pending)
  return { landedOn: new URL(page.url()).pathname, assets: [...assets.values()].sort((a, b) => b.gzip - a.gzip) }
}

function report(title, { landedOn, assets }) {
  const total = (key, type) => assets.filter((a) => !type || a.type === type).reduce((s, a) => s + a[key], 0)
  console.log(`\n${title} (landed on ${landedOn}): ${assets.length} files`)
  for (const a of assets) console.log(`  ${kb(a.gzip).padStart(9)} gzip ${kb(a.raw).padStart(9)} raw  ${a.file}`)
  console.log(`  ${kb(total('gzip', 'script')).padStart(9)} gzip JS, ${kb(total('gzip', 'stylesheet'))} gzip CSS`)
  const sum = total('gzip')
  const delta = sum - FLOOR_KB * 1024
  const versus = `${delta >= 0 ? '+' : '−'}${kb(Math.abs(delta))} against the ~${FLOOR_KB} KB floor`
  console.log(`  ${kb(sum).padStart(9)} gzip JS+CSS in total (${kb(total('raw'))} raw), ${versus}`)
  return sum
}

const VILLAGER_JS_CSS_KB = 70
const VILLAGER_TRANSFER_KB = 150

/**
 * A first visit to the villager page with its service worker allowed: every response the phone
 * received over the network (the page's own requests and the worker's precache fetches; answers
 * the worker gave from its cache are not network), as bytes on the wire (headers and compressed
 * body), once the worker controls the page.
 */
async function villagerTransfer(path) {
  const phone = await launchDevice({ baseURL: server.url })
  const transfers = []
  const pending = []
  phone.context.on('requestfinished', (request) => {
    pending.push(
      (async () => {
        const response = await request.response()
        if (!response || response.fromServiceWorker()) return
        const sizes = await request.sizes()
        transfers.push({ url: new URL(request.url()).pathname, bytes: sizes.responseBodySize + sizes.responseHeadersSize, worker: request.serviceWorker() !== null })
      })(),
    )
  })
  try {
    await phone.page.goto(path, { waitUntil: 'networkidle' })
    await phone.page.waitForFunction(() => navigator.serviceWorker?.controller != null, undefined, { timeout: 30_000 })
    await phone.page.waitForLoadState('networkidle')
    await Promise.all(pending)
    return transfers
  } finally {
    await phone.close()
  }
}

const distDir = await buildIntoTempDir()
const server = await startServer({ distDir })
const device = await launchDevice({ baseURL: server.url, serviceWorkers: 'block' })
try {
  report('Fresh device, first route', await measure(device.page, '/'))
  try {
    await enrolAs(device.page, codeFor(server, 'cadre'))
    report('Enrolled cadre, first route', await measure(device.page, '/suggestions'))
  } catch (error) {
    console.log(`\nEnrolled device not measured: ${error.message.split('\n')[0]}`)
  }
  console.log(`\nFloor (docs/TOOLCHAIN.md): Vue+router+Pinia+Dexie+vue-i18n+8 Vant components ≈ 148 KB gzip.`)

  const villagerPath = '/v/ltc01'
  // A fresh phone: nothing of the cadres' visit above in its HTTP cache.
  const fresh = await launchDevice({ baseURL: server.url, serviceWorkers: 'block' })
  const firstVisit = await measure(fresh.page, villagerPath).finally(() => fresh.close())
  const jsCss = report(`Villager page ${villagerPath}, first visit (service worker blocked)`, firstVisit)
  console.log(`  villager budget: ${kb(jsCss)} of ${VILLAGER_JS_CSS_KB} KB gzip JS+CSS`)
  const transfers = await villagerTransfer(villagerPath)
  const total = transfers.reduce((sum, t) => sum + t.bytes, 0)
  console.log(`\nVillager page ${villagerPath}, first visit with its service worker (every response over the network):`)
  for (const t of transfers.sort((a, b) => b.bytes - a.bytes)) console.log(`  ${kb(t.bytes).padStart(9)}  ${t.worker ? 'worker' : 'page  '}  ${t.url}`)
  console.log(`  ${kb(total).padStart(9)} transferred in total, ${transfers.length} responses (budget ${VILLAGER_TRANSFER_KB} KB)`)
} finally {
  await device.close()
  await server.stop()
  await rm(distDir, { recursive: true, force: true })
}
