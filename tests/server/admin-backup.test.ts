import { execFile } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { buildApp } from '../../src/server/app'
import { BackupError, restoreSqliteBackup } from '../../src/server/admin/backup'
import { openSqlite } from '../../src/server/db/connection'
import { migrateToLatest } from '../../src/server/db/migrate'
import { currentVersion } from '../../src/server/db/versions'
import type { TestApp } from './helpers/app'
import { codeOf, enrol, enrolAs, startApp } from './helpers/app'
import { forEachDatabase, makeSqlite } from './helpers/databases'
import type { TestDevice } from './helpers/sync'
import { mutation, pull, push, suggestionArgs } from './helpers/sync'
import { localBin, repoRoot } from '../e2e/support/paths'

const MUTATIONS = 40

forEachDatabase((makeDb) => {
  let t: TestApp
  let admin: Record<string, string>

  beforeAll(async () => {
    t = await startApp(makeDb)
    admin = (await enrol(t.app, codeOf(t, 'admin'), '管理员电脑')).auth
  })
  afterAll(() => t.close())

  it('is for the admin only', async () => {
    const cadre = await enrolAs(t, 'cadre', '张书记')
    const res = await t.app.inject({ url: '/api/admin/backup', headers: cadre.auth })
    expect(res.statusCode).toBe(403)
  })

  it('answers a SQLite copy, or on PostgreSQL 501 pointing to pg_dump in the README', async () => {
    const res = await t.app.inject({ url: '/api/admin/backup', headers: admin })
    if (t.db.dialect === 'postgres') {
      expect(res.statusCode).toBe(501)
      expect(res.json().error).toMatchObject({ code: 'backup_postgres', message: expect.stringContaining('pg_dump') })
    } else {
      expect(res.statusCode).toBe(200)
      expect(res.headers['content-type']).toBe('application/vnd.sqlite3')
      expect(res.rawPayload.subarray(0, 15).toString()).toBe('SQLite format 3')
    }
  })
})

describe('backup and restore on SQLite', () => {
  let t: TestApp
  let admin: Record<string, string>
  const dirs: string[] = []
  const tempDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'yehua-restore-test-'))
    dirs.push(dir)
    return dir
  }

  beforeAll(async () => {
    t = await startApp(makeSqlite)
    admin = (await enrol(t.app, codeOf(t, 'admin'), '管理员电脑')).auth
  })
  afterAll(() => t.close())
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
  })

  it(
    'a backup taken while two devices push restores with every acknowledged mutation exactly once; the phones recover',
    async () => {
      const village = t.demo.villages[0]!
      const devices: TestDevice[] = [await enrolAs(t, 'cadre', '张书记', '甲'), await enrolAs(t, 'collector', undefined, '乙')]
      /** Per device, the suggestion id of each mid, and the mids the server acknowledged before the backup began. */
      const ids = devices.map(() => new Map<number, string>())
      const ackedBefore = devices.map(() => 0)
      let backupStarted = false
      const pushing = devices.map(async (device, d) => {
        for (let mid = 1; mid <= MUTATIONS; mid++) {
          const args = suggestionArgs(village.id, { content: `设备${d}的第${mid}条意见` })
          ids[d]!.set(mid, args.id)
          const res = await push(t.app, device, [mutation(mid, 'suggestion.create', args)])
          expect(res.body.lastMid).toBe(mid)
          if (!backupStarted) ackedBefore[d] = mid
        }
      })
      // Take the backup once both devices are well under way.
      while (ackedBefore.some((n) => n < 5)) await new Promise((r) => setTimeout(r, 1))
      backupStarted = true
      const res = await t.app.inject({ url: '/api/admin/backup', headers: admin })
      await Promise.all(pushing)
      // What the phones had pulled from the old server before it was lost.
      const oldHead = await currentVersion(t.db.handle.db)
      expect(res.statusCode).toBe(200)
      expect(res.headers['content-disposition']).toMatch(/^attachment; filename="yehua-backup-.*\.sqlite"$/)
      const file = join(tempDir(), 'backup.sqlite')
      writeFileSync(file, res.rawPayload)

      const dataDir = join(tempDir(), 'data')
      const restored = openSqlite(restoreSqliteBackup(file, dataDir))
      await migrateToLatest(restored)
      const app = await buildApp({ database: restored, distDir: null, clock: t.clock })
      try {
        for (const [d, device] of devices.entries()) {
          const row = await restored.db.selectFrom('devices').select('lastMid').where('id', '=', device.deviceId).executeTakeFirstOrThrow()
          const lastMid = Number(row.lastMid)
          console.info(`device ${d}: acknowledged before the backup ${ackedBefore[d]}, in the backup ${lastMid} of ${MUTATIONS}`)
          // Everything acknowledged before the backup began is in it; the copy is one consistent moment.
          expect(lastMid).toBeGreaterThanOrEqual(ackedBefore[d]!)
          expect(lastMid).toBeLessThanOrEqual(MUTATIONS)
          const stored = await restored.db.selectFrom('suggestions').select('id').where('content', 'like', `设备${d}的%`).execute()
          const expected = [...ids[d]!.entries()].filter(([mid]) => mid <= lastMid).map(([, id]) => id)
          expect(stored.map((s) => s.id).sort()).toEqual(expected.sort())

          // The phone's next change carries mid 41: the restored server answers a gap at its lastMid;
          // the phone renumbers its outbox after it and sends again, taken once.
          const next = suggestionArgs(village.id, { content: `设备${d}恢复后的意见` })
          const gap = await push(app, device, [mutation(MUTATIONS + 1, 'suggestion.create', next)])
          expect(gap.body).toMatchObject({ lastMid, stopped: lastMid === MUTATIONS ? null : 'gap' })
          if (lastMid < MUTATIONS) {
            const renumbered = await push(app, device, [mutation(lastMid + 1, 'suggestion.create', next)])
            expect(renumbered.body).toMatchObject({ lastMid: lastMid + 1, stopped: null })
            const again = await push(app, device, [mutation(lastMid + 1, 'suggestion.create', next)])
            expect(again.body).toMatchObject({ lastMid: lastMid + 1, stopped: null })
          }
          expect(await restored.db.selectFrom('suggestions').select('id').where('id', '=', next.id).execute()).toHaveLength(1)
        }
        // The restored server takes more new changes than were lost before the second phone pulls.
        const [first, second] = devices as [TestDevice, TestDevice]
        const firstMid = Number((await restored.db.selectFrom('devices').select('lastMid').where('id', '=', first.deviceId).executeTakeFirstOrThrow()).lastMid)
        const burst = Array.from({ length: 150 }, (_, i) => mutation(firstMid + 1 + i, 'suggestion.create', suggestionArgs(village.id, { content: `恢复后的第${i}条` })))
        expect((await push(app, first, burst)).body).toMatchObject({ lastMid: firstMid + 150, stopped: null })
        expect(await currentVersion(restored.db)).toBeGreaterThan(oldHead)
        // Its cursor, from the old server, lies among the versions the restore skipped: it starts again
        // from 0, drops the rows the restored server no longer has, and receives the new ones.
        const { status, body } = await pull(app, second, { cursor: oldHead, limit: 1000 })
        expect(status).toBe(200)
        expect(body.reset).toBe(true)
        const pulled = new Set(body.rows.filter((r) => r.table === 'suggestions').map((r) => (r.row as { content: string }).content))
        expect(pulled.has('恢复后的第149条')).toBe(true)
        expect(pulled.has(`设备1的第${MUTATIONS}条意见`)).toBe(false)
        // Once caught up, it does not start over again.
        const again = await pull(app, second, { cursor: body.cursor })
        expect(again.body.reset).toBe(false)
        // A phone that had pulled only what the backup holds goes on from its cursor.
        expect((await pull(app, first, { cursor: 1 })).body.reset).toBe(false)
      } finally {
        await app.close()
        await restored.db.destroy()
      }
    },
    60_000,
  )

  it('restore refuses a folder that is not empty and a file that is not a backup', async () => {
    const res = await t.app.inject({ url: '/api/admin/backup', headers: admin })
    const file = join(tempDir(), 'backup.sqlite')
    writeFileSync(file, res.rawPayload)
    const busy = tempDir()
    writeFileSync(join(busy, 'yehua.sqlite'), 'live data')
    expect(() => restoreSqliteBackup(file, busy)).toThrow(BackupError)
    expect(() => restoreSqliteBackup(file, busy)).toThrow('is not empty')
    expect(readFileSync(join(busy, 'yehua.sqlite'), 'utf8')).toBe('live data')
    const junk = join(tempDir(), 'junk.sqlite')
    writeFileSync(junk, 'not a database at all, just text')
    expect(() => restoreSqliteBackup(junk, join(tempDir(), 'data'))).toThrow(/not a SQLite database|damaged/)
    expect(() => restoreSqliteBackup(join(tempDir(), 'missing.sqlite'), join(tempDir(), 'data'))).toThrow('no such file')
    const log = (await t.app.inject({ url: '/api/admin/audit', headers: admin })).json().entries
    expect(log[0]).toMatchObject({ action: 'backup.download' })
  })

  it('npm run restore puts a backup into an empty DATA_DIR, and refuses again once it is there', async () => {
    const res = await t.app.inject({ url: '/api/admin/backup', headers: admin })
    const file = join(tempDir(), 'backup.sqlite')
    writeFileSync(file, res.rawPayload)
    const dataDir = join(tempDir(), 'restored')
    const restore = async () => {
      const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir }
      delete env.DATABASE_URL
      try {
        const { stdout, stderr } = await promisify(execFile)(localBin('tsx'), ['scripts/restore.ts', file], { cwd: repoRoot, env })
        return { code: 0, stdout, stderr }
      } catch (error) {
        const failed = error as { code: number; stdout: string; stderr: string }
        return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr }
      }
    }
    const first = await restore()
    expect(first).toMatchObject({ code: 0, stdout: expect.stringContaining('Restored into') })
    const restored = openSqlite(join(dataDir, 'yehua.sqlite'))
    try {
      const townships = await restored.db.selectFrom('townships').select('name').execute()
      expect(townships.map((row) => row.name)).toEqual(t.demo.townships.map((row) => row.name))
    } finally {
      await restored.db.destroy()
    }
    const second = await restore()
    expect(second.code).toBe(2)
    expect(second.stderr).toContain('is not empty')
  }, 60_000)
})
