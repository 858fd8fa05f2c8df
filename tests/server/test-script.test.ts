import { execFile } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { checkResult, checks, summaryLines, vitestArgs, vitestResult } from '../../scripts/test-summary.mjs'
import { localBin, repoRoot } from '../e2e/support/paths'

// `npm test` (scripts/test.mjs) counts what it runs with scripts/test-summary.mjs.

const report = (counts: Record<string, number>) => ({
  numTotalTestSuites: 0, numFailedTestSuites: 0, numPassedTests: 0, numFailedTests: 0, numPendingTests: 0, numTodoTests: 0, ...counts,
})

describe('npm test', () => {
  it('runs vue-tsc and ESLint as checks of their own', () => {
    expect(checks).toEqual([{ name: 'typecheck', script: 'typecheck' }, { name: 'lint', script: 'lint' }])
    const scripts = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')).scripts
    expect(scripts.typecheck).toBe('vue-tsc --noEmit -p tsconfig.json')
    expect(scripts.lint).toBe('eslint .')
  })

  it('counts a failed check as a failure in the summary line', () => {
    const lines = summaryLines([checkResult('typecheck', 0), checkResult('lint', 2), vitestResult('unit', 0, report({ numTotalTestSuites: 4, numPassedTests: 9 }))])
    expect(lines.at(-1)).toBe('10 passed, 1 failed')
    expect(lines).toContain('  lint      0 passed, 1 failed, 0 skipped (exit 2)')
  })

  it('fails a suite that matches no test files', () => {
    expect(vitestArgs('e2e', 'report.json', 1)).not.toContain('--passWithNoTests')
    expect(vitestResult('e2e', 0, report({}))).toEqual({ name: 'e2e', passed: 0, failed: 1, skipped: 0, note: ' (no test files)' })
  })

  it('fails a suite whose vitest exits non-zero though no test failed', () => {
    expect(vitestResult('unit', 1, report({ numTotalTestSuites: 3, numPassedTests: 5 }))).toMatchObject({ passed: 5, failed: 1 })
    expect(vitestResult('unit', 1, null)).toMatchObject({ passed: 0, failed: 1 })
  })

  it('shuffles the server tests with the given seed, and only those', () => {
    expect(vitestArgs('server', 'r.json', 42)).toEqual(expect.arrayContaining(['--sequence.shuffle.tests', '--sequence.seed=42']))
    expect(vitestArgs('unit', 'r.json', 42)).not.toContain('--sequence.shuffle.tests')
  })

  it('turns a real vitest run that finds no test file into a failure', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'yehua-test-script-'))
    const file = join(dir, 'report.json')
    try {
      const code = await promisify(execFile)(localBin('vitest'), [...vitestArgs('unit', file, 1), 'no-such-test-file-anywhere'], { cwd: repoRoot })
        .then(() => 0, (error: { code: number }) => error.code)
      expect(vitestResult('unit', code, JSON.parse(readFileSync(file, 'utf8')))).toMatchObject({ failed: 1, note: ' (no test files)' })
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  }, 60_000)
})
