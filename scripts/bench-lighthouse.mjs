#!/usr/bin/env node
// `npm run bench:lighthouse [-- /path …] [--runs=3]`: Lighthouse mobile on a fresh build served by
// the real server (free port, throw-away data directory), for the cadres' first page `/` and the
// villager page of the poster's link `/v/ltc01` unless paths are given; --save=DIR keeps reports and traces. Prints the performance, accessibility
// and best-practices scores, LCP/TBT/CLS (the median run when --runs > 1), the performance
// opportunities, and every failing accessibility and best-practices audit with the elements it
// flags, so someone can fix them. Prints figures; never fails on a score.
import { spawn } from 'node:child_process'
import { cp, mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { tsImport } from 'tsx/esm/api'

const harness = (file) => tsImport(file, import.meta.url)
const { buildIntoTempDir } = await harness('../tests/e2e/support/build.ts')
const { startServer } = await harness('../tests/e2e/support/server.ts')
const { chromiumFlags, chromiumPath } = await harness('../tests/e2e/support/browser.ts')
const { localBin } = await harness('../tests/e2e/support/paths.ts')

const { values, positionals } = parseArgs({
  allowPositionals: true,
  // --save=DIR keeps each run's report (report-N.json) and trace (report-N-0.trace.json) there.
  options: { runs: { type: 'string', default: '1' }, save: { type: 'string' } },
})
const routes = positionals.length > 0 ? positionals : ['/', '/v/ltc01']
const runs = Math.max(1, Number(values.runs) || 1)
const categories = ['performance', 'accessibility', 'best-practices']
// A run that hangs must not hang the benchmark; on exit the harness stops the server.
const minutes = 3 + 2 * runs * routes.length
setTimeout(() => {
  console.error(`bench:lighthouse gave up after ${minutes} minutes`)
  process.exit(1)
}, minutes * 60_000).unref()
const metrics = ['first-contentful-paint', 'largest-contentful-paint', 'total-blocking-time', 'cumulative-layout-shift', 'speed-index']

/** One Lighthouse run in a fresh Chromium profile; resolves to the parsed report (LHR). */
async function lighthouse(url, work, index) {
  const profile = path.join(work, `profile-${index}`)
  const output = path.join(work, `report-${index}.json`)
  const flags = ['--headless=new', ...chromiumFlags, `--user-data-dir=${profile}`].join(' ')
  const args = [url, '--form-factor=mobile', `--only-categories=${categories.join(',')}`, '--output=json',
    `--output-path=${output}`, `--chrome-flags=${flags}`, '--quiet', ...(values.save ? ['--save-assets'] : [])]
  const env = { ...process.env, CHROME_PATH: chromiumPath }
  await new Promise((resolve, reject) => {
    const child = spawn(localBin('lighthouse'), args, { stdio: 'inherit', env })
    child.on('error', reject)
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`lighthouse exited with ${code}`))))
  })
  return JSON.parse(await readFile(output, 'utf8'))
}

/** Audits of a category that lose points (scored below 1), with their weight in the category. */
function failing(lhr, category) {
  return lhr.categories[category].auditRefs
    .map((ref) => ({ ...lhr.audits[ref.id], weight: ref.weight }))
    .filter((a) => a.score !== null && a.score < 1 && ['binary', 'numeric', 'metricSavings'].includes(a.scoreDisplayMode))
}

/** Up to five flagged elements or resources of an audit, one line each. */
function flagged(audit) {
  return (audit.details?.items ?? []).slice(0, 5).map((item) => {
    const node = item.node ?? item
    const where = node.selector ?? node.snippet ?? item.url ?? item.source?.url ?? ''
    const why = node.explanation?.split('\n').slice(0, 2).join(' ') ?? item.description ?? ''
    return `      ${where}${why ? ` — ${why}` : ''}`
  })
}

function printReport(lhr, url) {
  console.log(`\nLighthouse ${lhr.lighthouseVersion}, mobile, ${url} → ${lhr.finalDisplayedUrl}`)
  if (lhr.runtimeError) console.log(`  runtime error: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`)
  for (const c of categories) console.log(`  ${lhr.categories[c].title.padEnd(26)} ${lhr.categories[c].score?.toFixed(2) ?? 'n/a'}`)
  for (const id of metrics) console.log(`  ${lhr.audits[id].title.padEnd(26)} ${lhr.audits[id].displayValue ?? 'n/a'}`)

  // Where the blocking time goes: the main thread's long tasks (simulated) and script boot-up.
  const longTasks = lhr.audits['long-tasks']?.details?.items ?? []
  console.log(`\nLong tasks: ${longTasks.length}`)
  for (const task of longTasks) console.log(`  ${String(Math.round(task.startTime)).padStart(6)} ms  ${String(Math.round(task.duration)).padStart(4)} ms  ${task.url}`)

  const opportunities = failing(lhr, 'performance').filter((a) => a.weight === 0)
  console.log(`\nPerformance opportunities and diagnostics: ${opportunities.length}`)
  for (const a of opportunities) console.log(`  • ${a.id}: ${a.title}${a.displayValue ? ` — ${a.displayValue}` : ''}`)
  for (const c of ['accessibility', 'best-practices']) {
    const audits = failing(lhr, c)
    console.log(`\nFailing ${c} audits: ${audits.length}`)
    for (const a of audits) {
      console.log(`  ✗ ${a.id} (weight ${a.weight}): ${a.title}`)
      for (const line of flagged(a)) console.log(line)
    }
  }
}

const distDir = await buildIntoTempDir()
const server = await startServer({ distDir })
const work = await mkdtemp(path.join(os.tmpdir(), 'yehua-lighthouse-'))
try {
  const medians = []
  for (const [r, route] of routes.entries()) {
    const url = `${server.url}${route}`
    const reports = []
    for (let i = 0; i < runs; i++) {
      const lhr = await lighthouse(url, work, r * runs + i)
      reports.push(lhr)
      if (runs > 1) {
        const perf = lhr.categories.performance.score?.toFixed(2)
        console.log(`${route} run ${i + 1}/${runs}: performance ${perf}, accessibility ${lhr.categories.accessibility.score?.toFixed(2)}, LCP ${lhr.audits['largest-contentful-paint'].displayValue}`)
      }
    }
    const byPerformance = [...reports].sort((a, b) => a.categories.performance.score - b.categories.performance.score)
    const median = byPerformance[Math.floor(runs / 2)]
    printReport(median, url)
    medians.push({ route, median })
  }
  console.log(`\nMedian of ${runs} run(s):`)
  for (const { route, median } of medians) {
    const score = (c) => median.categories[c].score?.toFixed(2) ?? 'n/a'
    console.log(`  ${route.padEnd(12)} performance ${score('performance')}, accessibility ${score('accessibility')}, best practices ${score('best-practices')}`)
  }
  if (values.save) {
    await mkdir(values.save, { recursive: true })
    for (const file of await readdir(work)) if (file.startsWith('report-')) await cp(path.join(work, file), path.join(values.save, file))
    console.log(`\nReports and traces saved in ${values.save}`)
  }
} finally {
  await server.stop()
  await rm(work, { recursive: true, force: true })
  await rm(distDir, { recursive: true, force: true })
}
