#!/usr/bin/env node
// `npm test`: every suite in order (unit, server on SQLite [+ PostgreSQL], vite build, e2e in Chromium).
// Keeps vitest's own output, then prints one summary line `N passed, N failed` that the CI reads.
// Exits non-zero when any suite or the build fails.
import { spawn } from 'node:child_process'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import os from 'node:os'
import { fileURLToPath } from 'node:url'
import path from 'node:path'

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

/** Runs one vitest project and reads its JSON report; a crash without a report counts as one failure. */
async function vitestProject(project, env = process.env) {
  const reportFile = path.join(resultsDir, `${project}.json`)
  console.log(`\n▶ vitest run --project ${project}`)
  const code = await run(bin('vitest'), [
    'run',
    '--project', project,
    '--passWithNoTests',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${reportFile}`,
  ], env)
  const report = await readFile(reportFile, 'utf8').then(JSON.parse, () => null)
  const passed = report?.numPassedTests ?? 0
  let failed = report?.numFailedTests ?? 0
  let note = ''
  // Unhandled errors, a file that fails to load or a crash fail no single test: still a failure.
  if (code !== 0 && failed === 0) {
    failed = Math.max(1, report?.numFailedTestSuites ?? 0)
    note = ` (vitest exited ${code}: unhandled errors, a file that failed to load, or a crash)`
  }
  const skipped = (report?.numPendingTests ?? 0) + (report?.numTodoTests ?? 0)
  if (!note && (report?.numTotalTestSuites ?? 0) === 0) note = ' (no test files)'
  return { name: project, passed, failed, skipped, note }
}

const results = []

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

console.log('\n── summary ──')
for (const r of results) {
  console.log(`  ${r.name.padEnd(7)} ${r.passed} passed, ${r.failed} failed, ${r.skipped} skipped${r.note}`)
}
console.log(`  ${pgNote}`)
const passed = results.reduce((sum, r) => sum + r.passed, 0)
const failed = results.reduce((sum, r) => sum + r.failed, 0)
console.log(`${passed} passed, ${failed} failed`)
process.exit(failed === 0 ? 0 : 1)
