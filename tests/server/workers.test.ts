import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { newId } from '@shared/ids'
import type { PullResponse, PushResponse } from '@shared/sync/protocol'
import { SCHEMA_VERSION } from '@shared/sync/protocol'
import type { RunningServer } from '../e2e/support/server'
import { codeFor, startServer } from '../e2e/support/server'
import { localBin, repoRoot } from '../e2e/support/paths'
import { mutation, suggestionArgs } from './helpers/sync'

// `WORKERS=2`: a real server process (tsx → cluster primary → two workers) on one SQLite file.

interface Device {
  deviceId: string
  token: string
}

/** Processes whose environment holds this server's DATA_DIR: tsx, the primary and its workers. */
function processesOf(server: RunningServer): number[] {
  const marker = Buffer.from(`\0DATA_DIR=${server.dataDir}\0`)
  const pids: number[] = []
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    try {
      const environ = Buffer.concat([Buffer.from('\0'), readFileSync(`/proc/${entry}/environ`)])
      if (environ.includes(marker)) pids.push(Number(entry))
    } catch {
      // Gone meanwhile, or not ours to read.
    }
  }
  return pids
}

/** Fields of /proc/<pid>/stat after the parenthesised name: [state, ppid, pgrp, …], or null once gone. */
function statOf(pid: number): string[] | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  } catch {
    return null
  }
}

/**
 * Whether a process still runs. A zombie does not: it has exited and only waits to be reaped by
 * its parent, or by pid 1, which in some containers never reaps (tsx's esbuild helper ends so).
 */
function running(pid: number): boolean {
  try {
    process.kill(pid, 0)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ESRCH') return false
    throw error
  }
  const stat = statOf(pid)
  return stat !== null && stat[0] !== 'Z'
}

/** Running processes of a process group. */
function runningInGroup(group: number): number[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .map(Number)
    .filter((pid) => statOf(pid)?.[2] === String(group) && running(pid))
}

/** Pino's JSON log lines of the server's output. */
function logLines(server: RunningServer): Record<string, unknown>[] {
  return server
    .output()
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>)
}

/** Pids of the workers that logged they listen, in order. */
function listeningWorkers(server: RunningServer): number[] {
  return logLines(server)
    .filter((line) => String(line.msg).startsWith('Server listening at'))
    .map((line) => Number(line.pid))
}

async function until(condition: () => boolean | Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('timed out waiting')
    // Another process's progress: there is no event to wait for.
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

describe('WORKERS=2 on SQLite (real processes)', () => {
  let server: RunningServer
  let distDir: string

  beforeAll(async () => {
    distDir = mkdtempSync(join(tmpdir(), 'yehua-nodist-'))
    server = await startServer({ distDir, env: { WORKERS: '2' } })
  }, 60_000)
  afterAll(async () => {
    await server?.stop()
    rmSync(distDir, { recursive: true, force: true })
  }, 20_000)

  async function post<T>(path: string, body: unknown, device?: Device): Promise<{ status: number; body: T }> {
    const response = await fetch(`${server.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(device ? { authorization: `Bearer ${device.token}` } : {}) },
      body: JSON.stringify(body),
    })
    return { status: response.status, body: (await response.json()) as T }
  }

  async function enrol(code: string): Promise<Device> {
    const res = await post<Device>('/api/enrol', { code, label: 'workers test' })
    expect(res.status).toBe(201)
    return { deviceId: res.body.deviceId, token: res.body.token }
  }

  const banners = () => server.output().split('乡村夜话 yehua is running').length - 1

  it('starts two workers, then prints the banner once', async () => {
    // Health answers as soon as one worker listens; the banner waits for both. The workers' own
    // log lines may reach the shared output after the primary's banner (each process writes on its
    // own), so their order is not checked: both workers listened, and the banner came once.
    const listened = () =>
      new Set(server.output().split('\n').filter((line) => line.includes('Server listening at')).map((line) => JSON.parse(line).pid)).size
    await until(() => banners() > 0 && listened() >= 2, 15_000)
    // At least two: a test that kills a worker may have run first (tests run in any order).
    expect(listened()).toBeGreaterThanOrEqual(2)
    expect(server.output()).toContain('2 worker(s)')
    expect(banners()).toBe(1)
  }, 20_000)

  it('answers /api/health and enrols a device with a demo code', async () => {
    const health = await fetch(`${server.url}/api/health`)
    expect(health.status).toBe(200)
    expect(await health.json()).toMatchObject({ ok: true, db: 'sqlite' })
    const device = await enrol(codeFor(server, 'cadre', '刘土城村'))
    expect(device.token.length).toBeGreaterThanOrEqual(40)
  })

  /** One pull page. */
  const pull = (device: Device, cursor = 0) =>
    post<PullResponse>('/api/sync/pull', { deviceId: device.deviceId, schemaVersion: SCHEMA_VERSION, cursor, limit: 1000 }, device)

  it('takes 100 mutations from each of two devices pushing in parallel once each, with unique versions', async () => {
    const collector = await enrol(codeFor(server, 'collector', '刘土城村'))
    const cadre = await enrol(codeFor(server, 'cadre', '孙庄村'))
    const township = await enrol(codeFor(server, 'township'))
    const villageIdOf = async (device: Device) => (await pull(device)).body.rows.find((r) => r.table === 'villages')!.row.id as string
    // Phones that have never pulled: their first pull stores their scope, a read then a write.
    const admin = await enrol(codeFor(server, 'admin'))
    const members = (await pull(admin)).body.rows.filter((r) => r.table === 'members').map((r) => r.row.id)
    const newcomers: Device[] = []
    for (const id of [...members, ...members].slice(0, 10)) {
      const issued = await post<{ code: string }>(`/api/admin/members/${id}/codes`, {}, admin)
      newcomers.push(await enrol(issued.body.code))
    }

    const statuses: number[] = []
    const stops: PushResponse['stopped'][] = []
    const pushed: string[] = []
    /** 100 suggestions in 5 requests of 20, all sent at once; each resent until the server took it. */
    const pushAll = async (device: Device, source: string) => {
      const villageId = await villageIdOf(device)
      const batches = Array.from({ length: 5 }, (_, b) =>
        Array.from({ length: 20 }, (_, i) => {
          const mid = b * 20 + i + 1
          const args = suggestionArgs(villageId, { id: newId(), source, content: `并发写入测试第 ${mid} 条` })
          pushed.push(args.id)
          return mutation(mid, 'suggestion.create', args)
        }),
      )
      await Promise.all(
        batches.map(async (batch) => {
          const last = batch.at(-1)!.mid
          for (let attempt = 0; attempt < 200; attempt++) {
            const res = await post<PushResponse>('/api/sync/push', { deviceId: device.deviceId, schemaVersion: SCHEMA_VERSION, mutations: batch }, device)
            statuses.push(res.status)
            if (res.status !== 200) return
            stops.push(res.body.stopped)
            expect(res.body.rejections).toEqual([])
            // A batch that overtook an earlier one stops at the gap: the phone sends it again.
            if (res.body.lastMid >= last) return
            await new Promise((resolve) => setTimeout(resolve, 20))
          }
          throw new Error(`batch up to mid ${last} was never taken`)
        }),
      )
    }
    const firstPulls = newcomers.map(async (device, i) => {
      await new Promise((resolve) => setTimeout(resolve, 5 + i * 15))
      // A refused connection counts as a failure too, reported below rather than unhandled.
      return pull(device).then((res) => res.status, () => 0)
    })
    await Promise.all([pushAll(collector, 'collector'), pushAll(cadre, 'on_site')])

    expect(statuses.filter((s) => s !== 200)).toEqual([])
    expect(await Promise.all(firstPulls)).toEqual(newcomers.map(() => 200))
    // `temporary` is how a push reports a database error (such as SQLITE_BUSY) it rolled back.
    expect(stops.filter((s) => s !== null && s !== 'gap')).toEqual([])
    // Both processes served pushes, so both wrote the one SQLite file.
    const pushedBy = new Set(
      logLines(server)
        .filter((line) => line.msg === 'incoming request' && (line.req as { url?: string } | undefined)?.url === '/api/sync/push')
        .map((line) => line.pid),
    )
    expect(pushedBy.size).toBe(2)

    const rows: PullResponse['rows'] = []
    for (let cursor = 0, more = true; more; ) {
      const page = await pull(township, cursor)
      expect(page.status).toBe(200)
      rows.push(...page.body.rows)
      cursor = page.body.cursor
      more = page.body.hasMore
    }
    const ids = rows.filter((r) => r.table === 'suggestions').map((r) => String(r.row.id))
    const wanted = new Set(pushed)
    expect(pushed).toHaveLength(200)
    expect(ids.filter((id) => wanted.has(id)).sort()).toEqual([...pushed].sort())
    const versions = rows.map((r) => r.row.version)
    expect(new Set(versions).size).toBe(versions.length)
  }, 30_000)

  it('replaces a worker that dies after startup', async () => {
    await until(() => banners() > 0, 15_000)
    const started = listeningWorkers(server).length
    const [victim] = listeningWorkers(server).filter(running)
    process.kill(victim!, 'SIGKILL')
    await until(() => listeningWorkers(server).length === started + 1, 15_000)
    expect(running(victim!)).toBe(false)
    const live = listeningWorkers(server).filter((pid) => pid !== victim)
    expect(live.every(running)).toBe(true)
    expect(server.output()).toContain(`worker ${victim} stopped (SIGKILL); starting another`)
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200)
    expect(banners()).toBe(1)
  }, 20_000)

  it('stops every process of the server and exits 0 on SIGTERM', async () => {
    // A server of its own: this test ends it.
    const own = await startServer({ distDir, env: { WORKERS: '2' } })
    try {
      await until(() => listeningWorkers(own).length === 2, 15_000)
      const pids = processesOf(own)
      // tsx, the cluster primary and its two workers.
      expect(pids.length).toBeGreaterThanOrEqual(4)
      const groups = [...new Set(pids.map((pid) => Number(statOf(pid)![2])))]
      expect(groups).toHaveLength(1)
      await own.stop()
      expect(own.ended()).toBe('exit 0')
      expect(pids.filter(running)).toEqual([])
      expect(runningInGroup(groups[0]!)).toEqual([])
    } finally {
      await own.stop()
    }
  }, 30_000)
})

describe('WORKERS=2 when a worker dies before it listens', () => {
  it('stops the server with a non-zero exit code, so a service manager sees the failure', async () => {
    // The port is taken: every worker fails to listen.
    const taken = createServer()
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve))
    const port = (taken.address() as AddressInfo).port
    const dataDir = mkdtempSync(join(tmpdir(), 'yehua-workers-'))
    const env: NodeJS.ProcessEnv = { ...process.env, WORKERS: '2', PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, DIST_DIR: dataDir, LOG_LEVEL: 'warn' }
    delete env.DATABASE_URL
    try {
      const child = spawn(localBin('tsx'), ['src/server/index.ts'], { cwd: repoRoot, env, stdio: 'pipe' })
      let output = ''
      child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
      child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
      const [code, signal] = (await once(child, 'exit')) as [number | null, NodeJS.Signals | null]
      expect({ code, signal }).toEqual({ code: 1, signal: null })
      expect(output).toMatch(/worker \d+ could not start \(.+\); stopping/)
    } finally {
      taken.close()
      rmSync(dataDir, { recursive: true, force: true })
    }
  }, 60_000)
})
