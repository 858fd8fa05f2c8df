import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import type { FastifyInstance } from 'fastify'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { recordSchemas, tableNames } from '@shared/records'
import { buildApp } from '../../src/server/app'
import { openSqlite } from '../../src/server/db/connection'
import { loadCodeKey } from '../../src/server/identity/codeKey'
import { currentVersion } from '../../src/server/db/versions'
import { issueDemoCodes } from '../../src/server/demo/codes'
import { seedDemo } from '../../src/server/demo/seed'
import type { SetupResult } from '../../src/server/setup/township'
import { parseSetupArgs, setupReport, setupTownship, SetupError } from '../../src/server/setup/township'
import { localBin, repoRoot } from '../e2e/support/paths'
import { enrol } from './helpers/app'
import type { TestClock } from './helpers/clock'
import { DAY, testClock } from './helpers/clock'
import type { TestDatabase } from './helpers/databases'
import { forEachDatabase } from './helpers/databases'

/** A result of a run that named an admin: its admin entry and code are there. */
type WithAdmin = SetupResult & { admin: NonNullable<SetupResult['admin']>; enrolment: NonNullable<SetupResult['enrolment']> }
function withAdmin(result: SetupResult): WithAdmin {
  if (!result.admin || !result.enrolment) throw new Error('this setup run named an admin')
  return result as WithAdmin
}

/** Every synced row above a version, as `[table, name or id]`. */
async function rowsAfter(app: FastifyInstance, version: number): Promise<[string, unknown][]> {
  const found: [string, unknown][] = []
  for (const table of tableNames) {
    for (const row of await app.ctx.records.list(table)) {
      if (row.version > version) found.push([table, 'name' in row ? row.name : row.id])
    }
  }
  return found
}

async function enrolmentCodeCount(db: TestDatabase): Promise<number> {
  const { count } = await db.handle.db.selectFrom('enrolment_codes').select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirstOrThrow()
  return Number(count)
}

forEachDatabase((makeDb) => {
  describe('setupTownship on an empty database', () => {
    // Each test sets up its own township on a database of its own.
    let db: TestDatabase
    let app: FastifyInstance
    let clock: TestClock

    beforeEach(async () => {
      db = await makeDb()
      clock = testClock()
      app = await buildApp({ database: db.handle, distDir: null, clock })
    })
    afterEach(async () => {
      await app.close()
      await db.close()
    })

    /** The first run: 黄岗镇 with 刘土城村 and 孙庄村 (code szc01) and its admin 赵管理员. */
    const setUpFirst = async () =>
      withAdmin(await setupTownship(app.ctx, {
        township: '黄岗镇', villages: [{ name: '刘土城村', code: null }, { name: '孙庄村', code: 'szc01' }], admin: '赵管理员',
      }))
    /** A run a minute after the first that adds 王庄村 (wzc01) and gives the admin a new code. */
    const setUpSecond = async () => {
      clock.advance(60_000)
      return withAdmin(await setupTownship(app.ctx, {
        township: '黄岗镇', villages: [{ name: '刘土城村', code: null }, { name: '王庄村', code: 'wzc01' }], admin: '赵管理员',
      }))
    }

    it('creates the township, its villages and the admin, each with its own version', async () => {
      const first = await setUpFirst()
      const now = clock().toISOString()
      const [liu, sun] = first.villages
      expect(first.township).toEqual({
        created: true,
        row: { id: expect.any(String), version: 1, createdAt: now, updatedAt: now, deletedAt: null, name: '黄岗镇', policy: { villageDays: 2, townshipDays: 3, upwardDays: 1, acceptDays: 1, reportDays: 1, closeAfterDays: 5 } },
      })
      expect(first.villages.map((v) => [v.created, v.row.name, v.row.version, v.row.townshipId])).toEqual([
        [true, '刘土城村', 2, first.township.row.id], [true, '孙庄村', 3, first.township.row.id],
      ])
      expect(liu!.row.code).toMatch(/^[a-z0-9]{4,12}$/)
      expect(sun!.row.code).toBe('szc01')
      expect(first.admin).toMatchObject({
        created: true, row: { version: 4, townshipId: first.township.row.id, villageId: null, name: '赵管理员', role: 'admin' },
      })
      // Stored as returned, and each row passes its shared schema (what a pull hands out).
      expect(await app.ctx.records.list('townships')).toEqual([first.township.row])
      expect(await app.ctx.records.list('villages')).toEqual(first.villages.map((v) => v.row))
      expect(await app.ctx.records.list('members')).toEqual([first.admin.row])
      for (const row of first.villages.map((v) => v.row)) expect(recordSchemas.villages.parse(row)).toEqual(row)
      expect(await currentVersion(db.handle.db)).toBe(4)
    })

    it('issues the admin a 7-day single-use code', async () => {
      const first = await setUpFirst()
      expect(first.enrolment).toEqual({
        memberId: first.admin.row.id,
        code: expect.stringMatching(/^\d{4}-\d{4}$/),
        expiresAt: new Date(clock().getTime() + 7 * DAY).toISOString(),
      })
      expect(first.demoPresent).toBe(false)
    })

    it('prints what it did, the code, its expiry, the enrol link and a QR code', async () => {
      const first = await setUpFirst()
      const report = await setupReport(first, 'https://yehua.example.cn')
      expect(report).toContain('黄岗镇  新建 created')
      expect(report).toContain('孙庄村 (代码 code szc01)  新建 created')
      expect(report).toContain(`Admin enrolment code: ${first.enrolment.code}`)
      expect(report).toContain('2026-11-27 12:00 北京时间')
      expect(report).toContain(`https://yehua.example.cn/enrol?code=${first.enrolment.code}`)
      expect(report).toContain('▄▄▄▄▄▄▄')
      expect(report).toContain('DEMO=off')
    })

    it('adds only the new village when run again, and issues the admin a new code', async () => {
      const first = await setUpFirst()
      const before = await currentVersion(db.handle.db)
      const second = await setUpSecond()
      expect(second.township).toEqual({ created: false, row: first.township.row })
      expect(second.villages[0]).toEqual({ created: false, row: first.villages[0]!.row })
      expect(second.villages[1]).toMatchObject({ created: true, row: { name: '王庄村', code: 'wzc01', version: before + 1 } })
      expect(second.admin).toEqual({ created: false, row: first.admin.row })
      expect(await rowsAfter(app, before)).toEqual([['villages', '王庄村']])
      expect(second.enrolment.code).not.toBe(first.enrolment.code)
    })

    it('retires the older unused code once a new one is issued', async () => {
      const first = await setUpFirst()
      await setUpSecond()
      const res = await app.inject({ method: 'POST', url: '/api/enrol', payload: { code: first.enrolment.code, label: '旧码' } })
      expect(res.statusCode).toBe(400)
      expect(res.json().error).toMatchObject({ code: 'code_expired', field: 'code' })
    })

    it('enrols the new code as the township’s admin, who can add a cadre to the new village', async () => {
      const first = await setUpFirst()
      const second = await setUpSecond()
      const admin = await enrol(app, second.enrolment.code, '管理员电脑')
      expect(admin.body).toMatchObject({
        actor: { role: 'admin', memberId: first.admin.row.id, townshipId: first.township.row.id, villageId: null },
        township: { name: '黄岗镇' },
      })
      const wang = second.villages[1]!.row
      const res = await app.inject({
        method: 'POST', url: '/api/admin/members', headers: admin.auth, payload: { name: '王书记', role: 'cadre', villageId: wang.id },
      })
      expect(res.statusCode).toBe(201)
      const cadre = await enrol(app, res.json().enrolment.code)
      expect(cadre.body).toMatchObject({ actor: { role: 'cadre', villageId: wang.id, townshipId: first.township.row.id }, village: { name: '王庄村' } })
    })

    it('adds a village without --admin, issuing no code, so the admin’s unused code still works', async () => {
      const first = await setUpFirst()
      const before = await currentVersion(db.handle.db)
      const codes = await enrolmentCodeCount(db)
      const run = await setupTownship(app.ctx, { township: '黄岗镇', villages: [{ name: '周庄村', code: null }], admin: null })
      expect(run).toMatchObject({ admin: null, enrolment: null, villages: [{ created: true, row: { name: '周庄村' } }] })
      expect(await rowsAfter(app, before)).toEqual([['villages', '周庄村']])
      expect(await enrolmentCodeCount(db)).toBe(codes)
      const report = await setupReport(run, 'https://yehua.example.cn')
      expect(report).toContain('no new code issued')
      expect(report).not.toContain('/enrol?code=')
      const admin = await enrol(app, first.enrolment.code, '管理员手机')
      expect(admin.body).toMatchObject({ actor: { role: 'admin', memberId: first.admin.row.id } })
    })

    it('refuses a new township without --admin, and writes nothing', async () => {
      await setUpFirst()
      const version = await currentVersion(db.handle.db)
      await expect(setupTownship(app.ctx, { township: '新镇', villages: [{ name: '新村', code: null }], admin: null })).rejects.toThrow(
        'a new township needs --admin',
      )
      expect(await currentVersion(db.handle.db)).toBe(version)
    })

    it('refuses a village code another village has, and writes nothing', async () => {
      await setUpFirst()
      const version = await currentVersion(db.handle.db)
      const codes = await enrolmentCodeCount(db)
      const attempt = setupTownship(app.ctx, {
        township: '黄岗镇', villages: [{ name: '张庄村', code: null }, { name: '李庄村', code: 'szc01' }], admin: '钱管理员',
      })
      await expect(attempt).rejects.toThrow(SetupError)
      await expect(attempt).rejects.toThrow('the village code szc01 is already used by 孙庄村')
      expect(await currentVersion(db.handle.db)).toBe(version)
      expect(await enrolmentCodeCount(db)).toBe(codes)
      expect((await app.ctx.records.list('villages')).map((v) => v.name)).toEqual(['刘土城村', '孙庄村'])
    })

    it('refuses to change the code of a village that is already there', async () => {
      await setUpFirst()
      const attempt = setupTownship(app.ctx, { township: '黄岗镇', villages: [{ name: '孙庄村', code: 'szc02' }], admin: '赵管理员' })
      await expect(attempt).rejects.toThrow('孙庄村 already has the code szc01')
    })
  })

  describe('setupTownship next to the demo township', () => {
    let db: TestDatabase
    let app: FastifyInstance
    beforeAll(async () => {
      db = await makeDb()
      app = await buildApp({ database: db.handle, distDir: null, clock: testClock() })
      const demo = await seedDemo(app.ctx)
      await issueDemoCodes(app.ctx, demo!.members.map((m) => m.id))
    })
    afterAll(async () => {
      await app.close()
      await db.close()
    })

    it('refuses to set up inside the demo township, writing nothing', async () => {
      const version = await currentVersion(db.handle.db)
      await expect(setupTownship(app.ctx, { township: '郭村镇', villages: [], admin: '钱管理员' })).rejects.toThrow('is the demo township')
      expect(await currentVersion(db.handle.db)).toBe(version)
    })

    it('enters holiday years on the township row with a new version, and logs it', async () => {
      const first = withAdmin(await setupTownship(app.ctx, { township: '柳林镇', villages: [], admin: '赵管理员' }))
      const year2027 = { year: 2027, holidays: { '2027-01-01': '元旦' }, workdays: { '2027-01-09': '元旦' } }
      const again = await setupTownship(app.ctx, { township: '柳林镇', villages: [], admin: null, holidays: [year2027] })
      expect(again.township.row.holidayYears).toEqual([year2027])
      expect(again.township.row.version).toBeGreaterThan(first.township.row.version)
      expect(await app.ctx.records.get('townships', first.township.row.id)).toMatchObject({ holidayYears: [year2027] })
      const log = await app.ctx.database.db.selectFrom('audit_log').selectAll().where('townshipId', '=', first.township.row.id).execute()
      expect(log).toMatchObject([{ actorId: 'setup', action: 'calendar.year', detail: JSON.stringify({ year: 2027 }) }])
    })

    it('sets up another township and says the demo one is there', async () => {
      const result = withAdmin(await setupTownship(app.ctx, { township: '黄岗镇', villages: [{ name: '刘土城村', code: null }], admin: '赵管理员' }))
      expect(result).toMatchObject({ township: { created: true }, villages: [{ created: true }], admin: { created: true }, demoPresent: true })
      // Same names as demo rows, but new rows of the new township; the demo's codes stay its own.
      expect(result.villages[0]!.row.code).not.toBe('ltc01')
      expect(result.admin.row.townshipId).toBe(result.township.row.id)
    })
  })
})

describe('parseSetupArgs', () => {
  it('reads the township, repeatable villages with optional lower-cased codes, and the admin', () => {
    expect(parseSetupArgs(['--township', ' 郭村镇 ', '--village', '刘土城村', '--village', '孙庄村=SZC01', '--admin=赵管理员'])).toEqual({
      township: '郭村镇', villages: [{ name: '刘土城村', code: null }, { name: '孙庄村', code: 'szc01' }], admin: '赵管理员', holidays: [],
    })
  })

  it('leaves --admin out when it is not given', () => {
    expect(parseSetupArgs(['--township', '郭村镇', '--village', '周庄村'])).toEqual({
      township: '郭村镇', villages: [{ name: '周庄村', code: null }], admin: null, holidays: [],
    })
  })

  it('reads --holidays files as checked years, and refuses a file that does not validate', () => {
    const dir = mkdtempSync(join(tmpdir(), 'yehua-holidays-'))
    try {
      const good = join(dir, '2027.json')
      writeFileSync(good, JSON.stringify({ year: 2027, holidays: { '2027-01-01': '元旦' }, workdays: {} }))
      expect(parseSetupArgs(['--township', '郭村镇', '--holidays', good])?.holidays).toEqual([
        { year: 2027, holidays: { '2027-01-01': '元旦' }, workdays: {} },
      ])
      const bad = join(dir, 'bad.json')
      writeFileSync(bad, JSON.stringify({ year: 2027, holidays: { '2026-12-31': '元旦' }, workdays: {} }))
      expect(() => parseSetupArgs(['--township', '郭村镇', '--holidays', bad])).toThrow(/holiday file .*bad\.json is not valid: holidays\.2026-12-31: date_outside_year/)
      expect(() => parseSetupArgs(['--township', '郭村镇', '--holidays', join(dir, 'missing.json')])).toThrow('cannot read the holiday file')
      expect(() => parseSetupArgs(['--township', '郭村镇', '--holidays', good, '--holidays', good])).toThrow('year given twice: 2027')
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('takes --help as a request for usage', () => {
    expect(parseSetupArgs(['--help'])).toBeNull()
  })

  it.each([
    [['--village', '刘土城村', '--admin', '赵管理员'], '--township is required'],
    [['--township', '  ', '--admin', '赵管理员'], 'township name must be'],
    [['--township', '郭村镇', '--admin', ''], 'admin name must be'],
    [['--township', '郭村镇', '--village', '', '--admin', '赵管理员'], 'village name must be'],
    [['--township', '郭村镇', '--village', '刘土城村=ab', '--admin', '赵管理员'], 'village code must be'],
    [['--township', '郭村镇', '--village', '刘土城村=l-t-c', '--admin', '赵管理员'], 'village code must be'],
    [['--township', '郭村镇', '--village', '甲村', '--village', '甲村', '--admin', '赵管理员'], 'village named twice: 甲村'],
    [['--township', '郭村镇', '--village', '甲村=abcd', '--village', '乙村=abcd', '--admin', '赵管理员'], 'village code given twice: abcd'],
    [['--township', '郭村镇', '--admin', '赵管理员', '--villages', '甲村'], "Unknown option '--villages'"],
    [['--township', '郭村镇', '--admin', '赵管理员', '甲村'], 'Unexpected argument'],
    [['--township', '--admin', '赵管理员'], 'ambiguous'],
  ])('refuses %j', (args, message) => {
    expect(() => parseSetupArgs(args)).toThrow(SetupError)
    expect(() => parseSetupArgs(args)).toThrow(message)
  })
})

describe('npm run setup (scripts/setup.ts)', () => {
  const run = promisify(execFile)
  // A data folder of its own for each test.
  let dataDir: string
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'yehua-setup-'))
  })
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }))

  /** Run the CLI on SQLite in `dataDir`; resolves with its exit code and output either way. */
  async function setup(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, PUBLIC_ORIGIN: 'https://yehua.example.cn/' }
    delete env.DATABASE_URL
    try {
      const { stdout, stderr } = await run(localBin('tsx'), ['scripts/setup.ts', ...args], { cwd: repoRoot, env })
      return { code: 0, stdout, stderr }
    } catch (error) {
      const failed = error as { code: number; stdout: string; stderr: string }
      return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr }
    }
  }

  it('sets up the township in DATA_DIR and prints a code that enrols its admin', async () => {
    const { code, stdout } = await setup(['--township', '郭村镇', '--village', '刘土城村', '--village', '孙庄村=szc01', '--admin', '赵管理员'])
    expect(code).toBe(0)
    const printed = /Admin enrolment code: (\d{4}-\d{4})/.exec(stdout)?.[1]
    expect(printed).toBeDefined()
    expect(stdout).toContain(`https://yehua.example.cn/enrol?code=${printed}`)

    const database = openSqlite(join(dataDir, 'yehua.sqlite'))
    // The server's code key, as setup and the server read it from DATA_DIR.
    const app = await buildApp({ database, distDir: null, codeKey: loadCodeKey({ codeSecret: null, dataDir }) })
    try {
      const admin = await enrol(app, printed!)
      expect(admin.body).toMatchObject({ actor: { role: 'admin', villageId: null }, member: { name: '赵管理员' }, township: { name: '郭村镇' } })
      expect((await app.ctx.records.list('villages')).map((v) => v.name)).toEqual(['刘土城村', '孙庄村'])
    } finally {
      await app.close()
      await database.db.destroy()
    }
  }, 60_000)

  it('exits with code 2 and says why when a village code is taken', async () => {
    expect((await setup(['--township', '郭村镇', '--village', '孙庄村=szc01', '--admin', '赵管理员'])).code).toBe(0)
    const { code, stdout, stderr } = await setup(['--township', '郭村镇', '--admin', '赵管理员', '--village', '王庄村=szc01'])
    expect(code).toBe(2)
    expect(stdout).toBe('')
    expect(stderr).toContain('the village code szc01 is already used by 孙庄村')
    expect(stderr).toContain('Usage')
  }, 60_000)
})
