import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Migrator } from 'kysely'
import { newId } from '@shared/ids'
import { recordSchemas } from '@shared/records'
import type { Remark } from '@shared/records'
import { createRecordRepository } from '../../src/server/db/records-repository'
import { migrateToLatest } from '../../src/server/db/migrate'
import { migrationProvider } from '../../src/server/db/migrations'
import type { TestApp } from './helpers/app'
import { codeOf, enrol, startApp } from './helpers/app'
import type { TestDatabase } from './helpers/databases'
import { forEachDatabase } from './helpers/databases'
import type { TestDevice } from './helpers/sync'
import { mutation, pullAll, push, suggestionArgs } from './helpers/sync'

forEachDatabase((makeDb) => {
  describe('migration 005 (the meeting a remark or suggestion was recorded at)', () => {
    let db: TestDatabase
    beforeAll(async () => {
      db = await makeDb({ migrate: false })
    })
    afterAll(() => db.close())

    it('keeps the rows written before it, which name no meeting', async () => {
      const migrator = new Migrator({ db: db.handle.db, provider: migrationProvider(db.handle.dialect) })
      expect((await migrator.migrateTo('002_device_scope')).error).toBeUndefined()
      const at = '2026-10-09T12:00:00.000Z'
      const stamp = { version: 1, createdAt: at, updatedAt: at, deletedAt: null }
      const remark: Remark = {
        id: newId(), ...stamp, villageId: newId(), subjectType: 'decision', subjectId: newId(), kind: 'followup',
        text: '还在办', speaker: null, authorId: null,
      }
      await db.handle.db.insertInto('remarks').values(remark).execute()

      expect(await migrateToLatest(db.handle)).toBeGreaterThanOrEqual(5)
      const read = await createRecordRepository(db.handle.db).get('remarks', remark.id)
      expect(read).toEqual(remark)
      expect(read && 'meetingId' in read).toBe(false)
      expect(recordSchemas.remarks.parse(read)).toEqual(remark)
    })
  })

  describe('a meeting named by remark.add and suggestion.create', () => {
    let t: TestApp
    let cadre: TestDevice
    beforeAll(async () => {
      t = await startApp(makeDb)
      cadre = await enrol(t.app, codeOf(t, 'cadre', '张书记'))
    })
    afterAll(() => t.close())

    it('is stored and pulled with the row, and must be a meeting of the same village', async () => {
      const meeting = t.demo.meetings[0]!
      const question = suggestionArgs(meeting.villageId, { source: 'on_site', meetingId: meeting.id })
      const decision = t.demo.decisions.find((d) => d.villageId === meeting.villageId)!
      const report = {
        id: newId(), subjectType: 'decision', subjectId: decision.id, kind: 'followup', text: '还在办', meetingId: meeting.id,
      }
      const elsewhere = { ...report, id: newId(), meetingId: newId() }
      const notOnSite = suggestionArgs(meeting.villageId, { source: 'collector', meetingId: meeting.id })
      const res = await push(t.app, cadre, [
        mutation(1, 'suggestion.create', question),
        mutation(2, 'remark.add', report),
        mutation(3, 'remark.add', elsewhere),
        mutation(4, 'suggestion.create', notOnSite),
      ])
      expect(res.body).toEqual({
        lastMid: 4,
        rejections: [
          { mid: 3, name: 'remark.add', code: 'not_found', field: 'meetingId' },
          { mid: 4, name: 'suggestion.create', code: 'invalid_args', field: 'meetingId' },
        ],
        stopped: null,
      })
      const { rows } = await pullAll(t.app, cadre)
      const pulled = (id: string) => rows.find((r) => r.row.id === id)?.row
      expect(pulled(question.id)).toMatchObject({ source: 'on_site', meetingId: meeting.id })
      expect(pulled(report.id)).toMatchObject({ kind: 'followup', meetingId: meeting.id })
      // The demo's own rows of its meeting name it; those of no meeting carry no meetingId at all.
      const demoQuestion = t.demo.suggestions.find((s) => s.source === 'on_site')!
      expect(pulled(demoQuestion.id)).toMatchObject({ meetingId: meeting.id })
      const answered = t.demo.suggestions.find((s) => s.status === 'answered')!
      expect(pulled(answered.id)).not.toHaveProperty('meetingId')
    })
  })
})
