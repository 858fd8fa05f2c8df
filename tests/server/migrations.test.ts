import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { recordSchemas, tableNames } from '@shared/records'
import type { TableName, Tables } from '@shared/records'
import { buildApp } from '../../src/server/app'
import { createRecordRepository } from '../../src/server/db/records-repository'
import { migrateToLatest, schemaVersion } from '../../src/server/db/migrate'
import { migrationsFor } from '../../src/server/db/migrations'
import { currentVersion, nextVersion } from '../../src/server/db/versions'
import { demoRows } from '../../src/server/demo/rows'
import type { TestDatabase } from './helpers/databases'
import { forEachDatabase } from './helpers/databases'

const serverTables = ['devices', 'enrolment_codes', 'rejections', 'blobs', 'counters', 'enrol_failures', 'villager_receipts', 'audit_log']

forEachDatabase((makeDb) => {
  describe('migrations', () => {
    /** Each test starts from an empty database of its own. */
    let empty: TestDatabase
    beforeEach(async () => {
      empty = await makeDb({ migrate: false })
    })
    afterEach(() => empty.close())
    const newest = () => Math.max(...Object.keys(migrationsFor(empty.dialect)).map((name) => parseInt(name, 10)))

    it('bring a fresh database from schema 0 to the newest', async () => {
      expect(await schemaVersion(empty.handle)).toBe(0)
      expect(await migrateToLatest(empty.handle)).toBe(newest())
      const tables = (await empty.handle.db.introspection.getTables()).map((t) => t.name)
      expect(tables).toEqual(expect.arrayContaining([...tableNames, ...serverTables]))
      const devices = (await empty.handle.db.introspection.getTables()).find((t) => t.name === 'devices')
      expect(devices?.columns.map((c) => c.name).sort()).toEqual(
        ['appVersion', 'createdAt', 'id', 'label', 'lastMid', 'lastSeenAt', 'memberId', 'revokedAt', 'scopeKey', 'tokenHash'],
      )
    })

    it('are a no-op the second time', async () => {
      const version = await migrateToLatest(empty.handle)
      const tables = await empty.handle.db.introspection.getTables()
      expect(await migrateToLatest(empty.handle)).toBe(version)
      expect(await empty.handle.db.introspection.getTables()).toEqual(tables)
    })

    it('start the version counter at 0', async () => {
      await migrateToLatest(empty.handle)
      expect(await currentVersion(empty.handle.db)).toBe(0)
    })

    it('report the engine and schema version in /api/health', async () => {
      await migrateToLatest(empty.handle)
      const app = await buildApp({ database: empty.handle, distDir: null })
      const res = await app.inject({ url: '/api/health' })
      expect(res.statusCode).toBe(200)
      expect(res.json()).toEqual({ ok: true, db: empty.dialect, schemaVersion: newest() })
      await app.close()
    })
  })

  let db: TestDatabase
  beforeAll(async () => {
    db = await makeDb()
  })
  afterAll(() => db.close())

  describe('the version counter', () => {
    it('hands out one increasing version per call, across transactions', async () => {
      const start = await currentVersion(db.handle.db)
      const first = await db.handle.db.transaction().execute(async (trx) => [await nextVersion(trx), await nextVersion(trx)])
      const second = await db.handle.db.transaction().execute((trx) => nextVersion(trx))
      expect([...first, second]).toEqual([start + 1, start + 2, start + 3])
    })

    it('keeps no version from a rolled back transaction', async () => {
      const before = await currentVersion(db.handle.db)
      await expect(
        db.handle.db.transaction().execute(async (trx) => {
          await nextVersion(trx)
          throw new Error('roll back')
        }),
      ).rejects.toThrow('roll back')
      expect(await currentVersion(db.handle.db)).toBe(before)
    })
  })

  describe('the record repository', () => {
    const rows = demoRows(new Date('2026-11-20T04:00:00Z'))
    // One sample row of every synced table, with JSON, boolean and null fields.
    const samples: { [T in TableName]?: Tables[T] } = {
      townships: rows.townships[0],
      villages: rows.villages[0],
      members: rows.members[0],
      suggestions: rows.suggestions.find((s) => s.publicName && s.submitterName !== null),
      meetings: rows.meetings[0],
      topics: rows.topics[0],
      remarks: rows.remarks[0],
      decisions: rows.decisions[0],
      escalations: rows.escalations[0],
      attachments: {
        id: '01900000-0000-7000-8000-000000000001', version: 0, createdAt: '2026-11-20T04:00:00.000Z',
        updatedAt: '2026-11-20T04:00:00.000Z', deletedAt: null, villageId: rows.villages[0]!.id,
        sha256: 'a'.repeat(64), kind: 'file', mime: 'application/pdf', name: '回复函.pdf', size: 1234, subjectType: 'escalation',
        subjectId: rows.escalations[0]!.id,
      },
    }

    it.each(tableNames)('writes and reads %s rows in the exact shared shape', async (table) => {
      const records = createRecordRepository(db.handle.db)
      const sample = samples[table]!
      const written = await db.handle.db.transaction().execute((trx) => records.write(table, sample, trx))
      const read = await records.get(table, sample.id)
      expect(read).toEqual({ ...sample, version: written.version })
      expect(recordSchemas[table].safeParse(read).success).toBe(true)
    })

    it('writes and reads a township with entered holiday years (007)', async () => {
      const records = createRecordRepository(db.handle.db)
      const township = {
        ...rows.townships[0]!,
        holidayYears: [{ year: 2027, holidays: { '2027-01-01': '元旦' }, workdays: { '2027-01-09': '元旦' } }],
      }
      const written = await db.handle.db.transaction().execute((trx) => records.write('townships', township, trx))
      expect(await records.get('townships', township.id)).toEqual({ ...township, version: written.version })
      const { holidayYears: _entered, ...without } = township
      await db.handle.db.transaction().execute((trx) => records.write('townships', without, trx))
      expect(await records.get('townships', township.id)).not.toHaveProperty('holidayYears')
    })

    it('replaces a row on a second write, with a newer version', async () => {
      const records = createRecordRepository(db.handle.db)
      const suggestion = { ...rows.suggestions[1]!, publicName: false, rating: { stars: 4, outcome: 'partly' as const, ratedAt: '2026-11-21T00:00:00.000Z' } }
      const first = await db.handle.db.transaction().execute((trx) => records.write('suggestions', suggestion, trx))
      const changed = { ...suggestion, status: 'resolved' as const, publicName: true, rating: null }
      const second = await db.handle.db.transaction().execute((trx) => records.write('suggestions', changed, trx))
      expect(second.version).toBeGreaterThan(first.version)
      expect(await records.get('suggestions', suggestion.id)).toEqual({ ...changed, version: second.version })
      expect(await records.list('suggestions', { id: suggestion.id })).toHaveLength(1)
    })

    it('loads rows for runMutation through a RowLoader', async () => {
      const records = createRecordRepository(db.handle.db)
      const village = rows.villages[0]!
      await db.handle.db.transaction().execute((trx) => records.write('villages', village, trx))
      const loaded = await db.handle.db.transaction().execute((trx) => records.loader(trx)({ table: 'villages', id: village.id }))
      expect(loaded).toMatchObject({ id: village.id, name: '刘土城村', code: 'ltc01' })
      expect(await records.loader(db.handle.db)({ table: 'villages', id: '01900000-0000-7000-8000-00000000ffff' })).toBeUndefined()
    })
  })
})
