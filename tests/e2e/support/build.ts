import { spawn } from 'node:child_process'
import { readdir, stat } from 'node:fs/promises'
import path from 'node:path'
import { localBin, repoRoot } from './paths'

/** Everything that ends up in `dist/`: a change here means the build is stale. */
const buildInputs = ['src/app', 'src/shared', 'public', 'index.html', 'vite.config.ts', 'package.json']

async function newestMtime(target: string): Promise<number> {
  const info = await stat(target).catch(() => null)
  if (info === null) return 0
  if (!info.isDirectory()) return info.mtimeMs
  const entries = await readdir(target)
  const times = await Promise.all(entries.map((entry) => newestMtime(path.join(target, entry))))
  return Math.max(info.mtimeMs, ...times)
}

/** Whether `dist/index.html` is missing or older than any build input. */
export async function isBuildStale(): Promise<boolean> {
  const built = await newestMtime(path.join(repoRoot, 'dist', 'index.html'))
  if (built === 0) return true
  const inputs = await Promise.all(buildInputs.map((input) => newestMtime(path.join(repoRoot, input))))
  return Math.max(...inputs) > built
}

/**
 * Runs `vite build` unless `dist/` is up to date, so a single e2e file can be run on its own.
 * `npm test` builds first, and then this is a no-op.
 */
export async function ensureBuilt(): Promise<void> {
  if (!(await isBuildStale())) return
  const code = await new Promise<number | null>((resolve, reject) => {
    const child = spawn(localBin('vite'), ['build', '--logLevel', 'warn'], { cwd: repoRoot, stdio: 'inherit' })
    child.on('error', reject)
    child.on('exit', resolve)
  })
  if (code !== 0) throw new Error(`vite build failed (exit ${code})`)
}
