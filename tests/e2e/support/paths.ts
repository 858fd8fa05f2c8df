import { fileURLToPath } from 'node:url'
import path from 'node:path'

/** The repository root (tests/e2e/support → ../../..). */
export const repoRoot = fileURLToPath(new URL('../../..', import.meta.url))

/** Where failure screenshots and other browser artefacts go (git-ignored). */
export const resultsDir = path.join(repoRoot, 'test-results')

/** A binary installed in node_modules/.bin. */
export function localBin(name: string): string {
  return path.join(repoRoot, 'node_modules', '.bin', name)
}
