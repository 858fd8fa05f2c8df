import { spawn } from 'node:child_process'
import { mkdtemp } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { localBin, repoRoot } from './paths'

export interface BuildOptions {
  /** Build as this version (what 我的 shows) instead of package.json's: a second release of the same code. */
  version?: string
}

/** The second release's version, for versioned.vite.config.ts (which imports vite.config.ts by its bare name). */
const versionEnv = (version: string) => ({ YEHUA_TEST_VERSION: version, VITE_CONFIG_NATIVE_IGNORE_WARNING: 'true' })

/** Runs `vite build --outDir <outDir> --emptyOutDir`; rejects when the build fails. */
export async function buildApp(outDir: string, options: BuildOptions = {}): Promise<void> {
  const args = ['build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn']
  if (options.version) args.push('--config', path.join(repoRoot, 'tests/e2e/support/versioned.vite.config.ts'))
  const code = await new Promise<number | null>((resolve, reject) => {
    // Under vitest NODE_ENV is `test`, and Vite then makes a development build without the
    // service worker registration: build exactly as production does.
    const env = { ...process.env, NODE_ENV: 'production', ...(options.version ? versionEnv(options.version) : {}) }
    const child = spawn(localBin('vite'), args, { cwd: repoRoot, stdio: 'inherit', env })
    child.on('error', reject)
    child.on('exit', resolve)
  })
  if (code !== 0) throw new Error(`vite build failed (exit ${code})`)
}

/**
 * Builds the app into a fresh temporary folder and returns its path. Browser tests and benchmarks
 * serve a build of their own, never the shared `dist/`: a `vite build` (or another test run) that
 * someone starts meanwhile would swap hashed files under the running service worker.
 */
export async function buildIntoTempDir(options: BuildOptions = {}): Promise<string> {
  const outDir = await mkdtemp(path.join(os.tmpdir(), 'yehua-e2e-dist-'))
  await buildApp(outDir, options)
  return outDir
}
