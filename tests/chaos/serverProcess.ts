import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { freePort } from '../e2e/support/server'
import { localBin, repoRoot } from '../e2e/support/paths'

/** The real server as a child process that can be killed and started again on its data. */
export interface ServerProcess {
  url: string
  dataDir: string
  /** Kill it hard (a crash, not a shutdown) and start it again on the same port and data. */
  restart(): Promise<void>
  stop(): Promise<void>
  output(): string
}

async function healthy(url: string): Promise<boolean> {
  try {
    return (await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(2_000) })).ok
  } catch {
    return false
  }
}

/** Start `src/server/index.ts` on loopback with a fresh data folder (SQLite unless `env` says). */
export async function startServerProcess(env: Record<string, string> = {}): Promise<ServerProcess> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'yehua-chaos-'))
  const port = await freePort()
  const url = `http://127.0.0.1:${port}`
  let output = ''
  let child: ChildProcess | null = null
  let exited: Promise<void> = Promise.resolve()

  async function launch() {
    const childEnv: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir }
    if (!env.DATABASE_URL) delete childEnv.DATABASE_URL
    Object.assign(childEnv, env)
    // Its own process group: tsx runs the server in a child, and a crash must take both down.
    const proc = spawn(localBin('tsx'), ['src/server/index.ts'], { cwd: repoRoot, env: childEnv, stdio: 'pipe', detached: true })
    proc.stdout?.on('data', (c: Buffer) => (output += c.toString()))
    proc.stderr?.on('data', (c: Buffer) => (output += c.toString()))
    exited = new Promise((resolve) => proc.once('exit', () => resolve()))
    child = proc
    const deadline = Date.now() + 60_000
    while (!(await healthy(url))) {
      if (proc.exitCode !== null || Date.now() > deadline) throw new Error(`server did not start:\n${output}`)
      // Waiting for another process to listen: there is no event to await.
      await new Promise((r) => setTimeout(r, 100))
    }
  }

  async function kill(signal: NodeJS.Signals) {
    if (child && child.exitCode === null && child.pid) {
      process.kill(-child.pid, signal)
      await exited
    }
    child = null
  }

  await launch()
  return {
    url,
    dataDir,
    output: () => output,
    async restart() {
      await kill('SIGKILL')
      await launch()
    },
    async stop() {
      await kill('SIGTERM')
      await rm(dataDir, { recursive: true, force: true })
    },
  }
}

/** The demo codes the server wrote on first start. */
export async function demoCodes(dataDir: string): Promise<{ role: string; name: string; village: string | null; code: string }[]> {
  return JSON.parse(await readFile(path.join(dataDir, 'demo-codes.json'), 'utf8'))
}
