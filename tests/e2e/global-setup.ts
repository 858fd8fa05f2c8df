import { rm } from 'node:fs/promises'
import type { TestProject } from 'vitest/node'
import { buildIntoTempDir } from './support/build'

declare module 'vitest' {
  export interface ProvidedContext {
    /** The built app the e2e server serves (`DIST_DIR`). */
    e2eDistDir: string
  }
}

/**
 * Builds the app once per e2e run, unless the caller already did (`E2E_DIST_DIR`, set by
 * `npm test` after its own `vite build`), and hands the folder to the test files.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const given = process.env.E2E_DIST_DIR
  const distDir = given || (await buildIntoTempDir())
  project.provide('e2eDistDir', distDir)
  return async () => {
    if (!given) await rm(distDir, { recursive: true, force: true })
  }
}
