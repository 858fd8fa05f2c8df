import { spawn } from 'node:child_process'
import { rmSync } from 'node:fs'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { createServer } from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { z } from 'zod'
import { memberRoles } from '@shared/records'
import type { MemberRole } from '@shared/records'
import { localBin, repoRoot } from './paths'

/** One line of `DATA_DIR/demo-codes.json`, written by the server on first start. */
export const demoCode = z.object({
  role: z.enum(memberRoles),
  name: z.string(),
  village: z.string().nullable(),
  code: z.string(),
})
export type DemoCode = z.infer<typeof demoCode>

/** A demo village's villager link, listed after the members' codes. */
export const demoVillagerLink = z.object({ role: z.literal('villager'), name: z.string(), village: z.string(), code: z.string(), link: z.string() })
export type DemoVillagerLink = z.infer<typeof demoVillagerLink>

/** A real server process serving a built app and `/api` from a throw-away data directory. */
export interface RunningServer {
  /** Origin, e.g. `http://127.0.0.1:41234`. */
  url: string
  port: number
  dataDir: string
  /** Demo enrolment codes, one per demo member. */
  demoCodes: DemoCode[]
  /** Each demo village's link for villagers (`/v/<code>`). */
  villagerLinks: DemoVillagerLink[]
  /** Everything the process printed so far (stdout and stderr). */
  output: () => string
  /** How the process ended (`exit 1`, `signal SIGKILL`), or null while it runs. */
  ended: () => string | null
  /** SIGTERM, wait for exit (SIGKILL to tsx and the server after 10 s), remove the data directory. */
  stop: () => Promise<void>
}

export interface StartServerOptions {
  /** Extra environment for the server; `DATABASE_URL` is dropped unless given here (SQLite). */
  env?: Record<string, string>
  /** The built app to serve (`DIST_DIR`), e.g. from `buildIntoTempDir()`. */
  distDir: string
  /** How long to wait for `GET /api/health`, default 30 s. */
  timeoutMs?: number
}

/** A TCP port that was free a moment ago. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address()
      const port = typeof address === 'object' && address !== null ? address.port : 0
      probe.close(() => resolve(port))
    })
  })
}

async function healthy(url: string): Promise<boolean> {
  try {
    const response = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(2_000) })
    return response.ok
  } catch {
    return false
  }
}

/**
 * Starts `tsx src/server/index.ts` on a free port with `HOST=127.0.0.1`, a fresh `DATA_DIR` and
 * `DIST_DIR` = the given build, waits until `GET /api/health` answers 200 and reads the demo
 * enrolment codes.
 *
 * @example
 * const server = await startServer({ distDir: await buildIntoTempDir() })
 * const cadre = codeFor(server, 'cadre', '刘土城村')
 * await server.stop()
 */
export async function startServer(options: StartServerOptions): Promise<RunningServer> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'yehua-e2e-data-'))
  const port = await freePort()
  const url = `http://127.0.0.1:${port}`
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    DIST_DIR: options.distDir,
  }
  delete env.DATABASE_URL
  Object.assign(env, options.env)

  // Its own process group: tsx runs the server as a child of its own, and a SIGKILL to tsx alone
  // would leave that child listening.
  const child = spawn(localBin('tsx'), ['src/server/index.ts'], { cwd: repoRoot, env, stdio: 'pipe', detached: true })
  const killGroup = (signal: NodeJS.Signals): void => {
    try {
      if (child.pid !== undefined) process.kill(-child.pid, signal)
    } catch {
      // The group is gone already.
    }
  }
  let output = ''
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
  const state: { ended: string | null } = { ended: null }
  const exited = new Promise<void>((resolve) =>
    child.once('exit', (code, signal) => {
      state.ended = signal ? `signal ${signal}` : `exit ${code}`
      resolve()
    }),
  )
  // Should the test process die without stopping it, the server must not outlive it.
  const orphanGuard = (): void => {
    killGroup('SIGTERM')
    rmSync(dataDir, { recursive: true, force: true })
  }
  process.once('exit', orphanGuard)

  const stop = async (): Promise<void> => {
    process.off('exit', orphanGuard)
    if (state.ended === null) {
      child.kill('SIGTERM') // tsx relays it to the server, which shuts down gracefully
      const killer = setTimeout(() => killGroup('SIGKILL'), 10_000)
      await exited
      clearTimeout(killer)
    }
    await rm(dataDir, { recursive: true, force: true })
  }

  const deadline = Date.now() + (options.timeoutMs ?? 30_000)
  while (!(await healthy(url))) {
    if (state.ended !== null || Date.now() > deadline) {
      await stop()
      const why =
        state.ended === null ? 'did not answer GET /api/health in time' : `ended (${state.ended}) before it was healthy`
      throw new Error(`server ${why}; its output:\n${output}`)
    }
    // Poll for readiness of another process: there is no event to wait for.
    await new Promise((resolve) => setTimeout(resolve, 100))
  }

  const raw = await readFile(path.join(dataDir, 'demo-codes.json'), 'utf8').catch(() => null)
  if (raw === null) {
    await stop()
    throw new Error(`server is up but wrote no ${dataDir}/demo-codes.json; its output:\n${output}`)
  }
  const lines = z.array(z.union([demoCode, demoVillagerLink])).parse(JSON.parse(raw))
  const demoCodes = lines.filter((line): line is DemoCode => line.role !== 'villager')
  const villagerLinks = lines.filter((line): line is DemoVillagerLink => line.role === 'villager')
  return { url, port, dataDir, demoCodes, villagerLinks, output: () => output, ended: () => state.ended, stop }
}

/** The first demo member with this role (and village, when given), with their enrolment code. */
export function demoMember(server: RunningServer, role: MemberRole, village?: string): DemoCode {
  const found = server.demoCodes.find((c) => c.role === role && (village === undefined || c.village === village))
  if (!found) throw new Error(`no demo code for ${role}${village ? ` in ${village}` : ''}`)
  return found
}

/**
 * The demo enrolment code of the first demo member with this role (and village, when given).
 * Codes are single use: for a second device, or a second test on the same server, use `freshCode`.
 */
export function codeFor(server: RunningServer, role: MemberRole, village?: string): string {
  return demoMember(server, role, village).code
}
