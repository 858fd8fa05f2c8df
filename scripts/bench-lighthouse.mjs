#!/usr/bin/env node
// `npm run bench:lighthouse [-- /path]`: Lighthouse mobile on the built app served by the real
// server (free port, throw-away data directory). Prints the performance, accessibility and
// best-practices scores, LCP/TBT/CLS, and every failing accessibility and best-practices audit
// with the elements it flags, so someone can fix them. Prints figures; never fails on a score.
import { spawn } from 'node:child_process'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { tsImport } from 'tsx/esm/api'

const harness = (file) => tsImport(file, import.meta.url)
const { ensureBuilt } = await harness('../tests/e2e/support/build.ts')
const { startServer } = await harness('../tests/e2e/support/server.ts')
const { chromiumFlags, chromiumPath } = await harness('../tests/e2e/support/browser.ts')
const { localBin } = await harness('../tests/e2e/support/paths.ts')

const route = process.argv[2] ?? '/'
const categories = ['performance', 'accessibility', 'best-practices']

function lighthouse(url, outputPath, profileDir) {
  const flags = ['--headless=new', ...chromiumFlags, `--user-data-dir=${profileDir}`].join(' ')
  const args = [url, '--form-factor=mobile', `--only-categories=${categories.join(',')}`, '--output=json',
    `--output-path=${outputPath}`, `--chrome-flags=${flags}`, '--quiet']
  return new Promise((resolve, reject) => {
    const child = spawn(localBin('lighthouse'), args, { stdio: 'inherit', env: { ...process.env, CHROME_PATH: chromiumPath } })
    child.on('error', reject)
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`lighthouse exited with ${code}`))))
  })
}

/** Audits of a category that lose points: scored, below 1. */
function failing(lhr, category) {
  return lhr.categories[category].auditRefs
    .map((ref) => ({ ...lhr.audits[ref.id], weight: ref.weight }))
    .filter((a) => a.score !== null && a.score < 1 && ['binary', 'numeric', 'metricSavings'].includes(a.scoreDisplayMode))
}

function describeItems(audit) {
  const items = audit.details?.items ?? []
  return items.slice(0, 5).map((item) => {
    const node = item.node ?? item
    const where = node.selector ?? node.snippet ?? item.url ?? item.source?.url ?? ''
    const why = node.explanation?.split('\n').slice(0, 2).join(' ') ?? item.description ?? ''
    return `      ${where}${why ? ` — ${why}` : ''}`
  })
}

await ensureBuilt()
const server = await startServer()
const work = await mkdtemp(path.join(os.tmpdir(), 'yehua-lighthouse-'))
try {
  const url = `${server.url}${route}`
  const reportFile = path.join(work, 'report.json')
  await lighthouse(url, reportFile, path.join(work, 'profile'))
  const lhr = JSON.parse(await readFile(reportFile, 'utf8'))
  if (lhr.runtimeError) console.log(`runtime error: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`)

  console.log(`\nLighthouse ${lhr.lighthouseVersion}, mobile, ${url} → ${lhr.finalDisplayedUrl}`)
  for (const c of categories) console.log(`  ${lhr.categories[c].title.padEnd(16)} ${lhr.categories[c].score?.toFixed(2) ?? 'n/a'}`)
  for (const id of ['first-contentful-paint', 'largest-contentful-paint', 'total-blocking-time', 'cumulative-layout-shift', 'speed-index']) {
    console.log(`  ${lhr.audits[id].title.padEnd(26)} ${lhr.audits[id].displayValue ?? 'n/a'}`)
  }
  for (const c of ['accessibility', 'best-practices']) {
    const audits = failing(lhr, c)
    console.log(`\nFailing ${c} audits: ${audits.length}`)
    for (const a of audits) {
      console.log(`  ✗ ${a.id} (weight ${a.weight}): ${a.title}`)
      for (const line of describeItems(a)) console.log(line)
    }
  }
} finally {
  await server.stop()
  await rm(work, { recursive: true, force: true })
}
