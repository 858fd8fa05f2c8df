// Types of scripts/test-summary.mjs for the TypeScript test that checks it.

export interface SuiteResult {
  name: string
  passed: number
  failed: number
  skipped: number
  note: string
}

/** The part of vitest's JSON report that is counted. */
export interface VitestReport {
  numTotalTestSuites: number
  numFailedTestSuites?: number
  numPassedTests?: number
  numFailedTests?: number
  numPendingTests?: number
  numTodoTests?: number
}

export const checks: { name: string; script: string }[]
export function vitestArgs(project: string, reportFile: string, seed: number): string[]
export function vitestResult(name: string, code: number, report: VitestReport | null): SuiteResult
export function checkResult(name: string, code: number): SuiteResult
export function summaryLines(results: SuiteResult[], notes?: string[]): string[]
