#!/usr/bin/env node
// `npm test`: every check and suite in order (vue-tsc, ESLint, unit, server on SQLite
// [+ PostgreSQL], vite build, e2e in Chromium). Keeps their own output, then prints one summary
// line `N passed, N failed` that the CI reads. Exits non-zero when anything fails, including a
// suite that matches no test files. What runs and how it counts: scripts/test-summary.mjs.
import { spawn } from 'node:child_process'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import os from 'node:os'
import { fileURLToPath } from 'node:url'
import path from 'node:path'
import { checkResult, checks, summaryLines, vitestArgs, vitestResult } from './test-summary.mjs'

const root = fileURLToPath(new URL('..', import.meta.url))
const bin = (name) => path.join(root, 'node_modules', '.bin', name)
// Per run, so that two runs at once (several people, one working tree) never read each other's.
const resultsDir = await mkdtemp(path.join(os.tmpdir(), 'yehua-test-results-'))

/** Runs a command with inherited stdio; resolves to its exit code (signals count as failure). */
function run(command, args, env = process.env) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, stdio: 'inherit', env })
    child.on('error', (error) => {
      console.error(`could not start ${command}: ${error.message}`)
      resolve(1)
    })
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)))
  })
}

/** The server suite's shuffle seed: `TEST_SEED` repeats an order that failed. */
const seed = Number(process.env.TEST_SEED) || Math.floor(Math.random() * 1_000_000)

/** Runs one vitest project and reads its JSON report; a crash without a report counts as one failure. */
async function vitestProject(project, env = process.env) {
  const reportFile = path.join(resultsDir, `${project}.json`)
  console.log(`\n▶ vitest run --project ${project}${project === 'server' ? ` (tests shuffled, TEST_SEED=${seed})` : ''}`)
  const code = await run(bin('vitest'), vitestArgs(project, reportFile, seed), env)
  const report = await readFile(reportFile, 'utf8').then(JSON.parse, () => null)
  return vitestResult(project, code, report)
}

const results = []

for (const check of checks) {
  console.log(`\n▶ npm run ${check.script}`)
  results.push(checkResult(check.name, await run('npm', ['run', '--silent', check.script])))
}

results.push(await vitestProject('unit'))

const pgNote = process.env.DATABASE_URL
  ? 'PostgreSQL suite enabled: DATABASE_URL is set (server suite runs on SQLite and PostgreSQL)'
  : 'PostgreSQL suite skipped: DATABASE_URL not set'
console.log(`\n${pgNote}`)
results.push(await vitestProject('server'))

// The browser tests serve a build of their own (E2E_DIST_DIR), never the shared dist/: a
// `vite build` someone runs meanwhile would swap hashed files under the service worker.
const e2eDist = await mkdtemp(path.join(os.tmpdir(), 'yehua-e2e-dist-'))
console.log(`\n▶ vite build --outDir ${e2eDist}`)
const buildEnv = { ...process.env, NODE_ENV: 'production' }
const buildCode = await run(bin('vite'), ['build', '--outDir', e2eDist, '--emptyOutDir'], buildEnv)
if (buildCode === 0) {
  results.push(await vitestProject('e2e', { ...process.env, E2E_DIST_DIR: e2eDist }))
} else {
  results.push({ name: 'build', passed: 0, failed: 1, skipped: 0, note: ' (vite build failed, e2e not run)' })
  console.error('vite build failed: e2e suite not run')
}

await rm(e2eDist, { recursive: true, force: true })
await rm(resultsDir, { recursive: true, force: true })

const notes = [pgNote, `server tests shuffled with TEST_SEED=${seed}`]
console.log(`\n${summaryLines(results, notes).join('\n')}`)
process.exit(results.every((r) => r.failed === 0) ? 0 : 1)
