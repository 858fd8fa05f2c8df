#!/usr/bin/env node
// `npm run bench:bundle`: what the first screen costs a phone. Builds the app, starts the real
// server, loads the first route in headless Chromium (service worker blocked, so precache traffic
// is not counted) and prints the JS and CSS the page actually requested: raw and gzip sizes per
// file and in total, against the floor measured for a bare build of this stack (docs/TOOLCHAIN.md).
// Prints figures; never fails on size.
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

/** Loads `path` and resolves to the JS and CSS responses it triggered, with their sizes. */
async function measure(page, path) {
  const assets = []
  const pending = []
  const onResponse = (response) => pending.push(record(response))
  const record = async (response) => {
    const type = response.request().resourceType()
    if (type !== 'script' && type !== 'stylesheet') return
    // The same bytes from the server directly: asking a busy page for them can wait for ever.
    const body = Buffer.from(await (await fetch(response.url())).arrayBuffer())
    const file = new URL(response.url()).pathname
    assets.push({ file, type, raw: body.length, gzip: gzipSync(body, { level: 9 }).length })
  }
  page.on('response', onResponse)
  await page.goto(path, { waitUntil: 'networkidle' })
  page.off('response', onResponse)
  await Promise.all(pending)
  return { landedOn: new URL(page.url()).pathname, assets: assets.sort((a, b) => b.gzip - a.gzip) }
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
} finally {
  await device.close()
  await server.stop()
  await rm(distDir, { recursive: true, force: true })
}
