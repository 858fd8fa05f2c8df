// What `npm test` (scripts/test.mjs) runs and how it counts: kept apart from the runner so that a
// test can check the rules (tests/server/test-script.test.ts) without running every suite.

/** Checks that are not vitest suites, each counted as one test: `npm run <script>`. */
export const checks = [
  { name: 'typecheck', script: 'typecheck' },
  { name: 'lint', script: 'lint' },
]

/**
 * Vitest's arguments for one project. No `--passWithNoTests`: a suite whose pattern matches no
 * file fails. The server suite runs its tests in a shuffled order (the seed is printed, and
 * `TEST_SEED` repeats a run), so a test that leans on another one's leftovers shows up.
 */
export function vitestArgs(project, reportFile, seed) {
  return [
    'run',
    '--project', project,
    ...(project === 'server' ? ['--sequence.shuffle.tests', `--sequence.seed=${seed}`] : []),
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${reportFile}`,
  ]
}

/**
 * One vitest project's line of the summary from its exit code and JSON report (null when it
 * wrote none). A crash, an unhandled error, a file that fails to load, or no test files at all
 * counts as a failure even when no single test failed.
 */
export function vitestResult(name, code, report) {
  const passed = report?.numPassedTests ?? 0
  let failed = report?.numFailedTests ?? 0
  const skipped = (report?.numPendingTests ?? 0) + (report?.numTodoTests ?? 0)
  let note = ''
  if (report === null) {
    failed = Math.max(failed, 1)
    note = ` (vitest exited ${code} without a report: a crash)`
  } else if (report.numTotalTestSuites === 0) {
    failed = Math.max(failed, 1)
    note = ' (no test files)'
  } else if (code !== 0 && failed === 0) {
    failed = Math.max(1, report?.numFailedTestSuites ?? 0)
    note = ` (vitest exited ${code}: unhandled errors, a file that failed to load, or a crash)`
  }
  return { name, passed, failed, skipped, note }
}

/** A check's line of the summary: one passed or one failed. */
export function checkResult(name, code) {
  return { name, passed: code === 0 ? 1 : 0, failed: code === 0 ? 0 : 1, skipped: 0, note: code === 0 ? '' : ` (exit ${code})` }
}

/** The summary lines; the last one, `N passed, N failed`, is what CI reads. */
export function summaryLines(results, notes = []) {
  const passed = results.reduce((sum, r) => sum + r.passed, 0)
  const failed = results.reduce((sum, r) => sum + r.failed, 0)
  return [
    '── summary ──',
    ...results.map((r) => `  ${r.name.padEnd(9)} ${r.passed} passed, ${r.failed} failed, ${r.skipped} skipped${r.note}`),
    ...notes.map((note) => `  ${note}`),
    `${passed} passed, ${failed} failed`,
  ]
}
