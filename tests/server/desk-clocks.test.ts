// The township desk's clocks (migration 006) and the mutations that set them, on SQLite and
// PostgreSQL: the backfill of rows written before, 交办 → 报到 → 办结 through push and pull, and the
// village's rating that sends the result back to work.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Migrator } from 'kysely'
import { newId } from '@shared/ids'
import { recordSchemas } from '@shared/records'
import type { Escalation } from '@shared/records'
import { encodeRecord } from '../../src/server/db/codec'
import { createRecordRepository } from '../../src/server/db/records-repository'
import { migrateToLatest } from '../../src/server/db/migrate'
import { migrationProvider } from '../../src/server/db/migrations'
import type { TestApp } from './helpers/app'
import { enrolAs, startApp } from './helpers/app'
import type { TestDatabase } from './helpers/databases'
import { forEachDatabase } from './helpers/databases'
import { mutation, pullAll, push } from './helpers/sync'

forEachDatabase((makeDb) => {
  describe('migration 006 (the desk\'s clocks)', () => {
    let db: TestDatabase
    beforeAll(async () => {
      db = await makeDb({ migrate: false })
    })
    afterAll(() => db.close())

    it('backfills the steps rows took before it, so no old item turns overdue', async () => {
      const migrator = new Migrator({ db: db.handle.db, provider: migrationProvider(db.handle.dialect) })
      expect((await migrator.migrateTo('005_meeting_attribution')).error).toBeUndefined()
      const made = '2026-10-09T02:00:00.000Z'
      const changed = '2026-10-15T08:00:00.000Z'
      const row = (status: Escalation['status'], assignee: string | null): Escalation => ({
        id: newId(), version: 1, createdAt: made, updatedAt: changed, deletedAt: null, villageId: newId(), townshipId: newId(),
        topicId: null, suggestionIds: [], title: '东街排水沟疏通', details: '', status, department: assignee ? '水利站' : null,
        assignee, coordinationOn: null, dueOn: null, resolution: status === 'resolved' ? '已清淤' : null, feedback: null,
      })
      const submitted = row('submitted', null)
      const assigned = row('assigned', '李站长')
      const resolved = row('resolved', '李站长')
      const old = (e: Escalation) => {
        const stored = encodeRecord('escalations', e) as Record<string, unknown>
        for (const key of ['submittedAt', 'acceptedAt', 'assignedAt', 'reportedAt', 'resolvedAt', 'closedAt', 'reopenedAt', 'feedbackAt', 'rating']) delete stored[key]
        return stored
      }
      // The rows as 005 stored them: without the columns 006 adds.
      await db.handle.db.insertInto('escalations').values([submitted, assigned, resolved].map(old) as never).execute()

      expect(await migrateToLatest(db.handle)).toBeGreaterThanOrEqual(6)
      const records = createRecordRepository(db.handle.db)
      expect(await records.get('escalations', submitted.id)).toEqual({ ...submitted, submittedAt: made })
      expect(await records.get('escalations', assigned.id)).toEqual({
        ...assigned, submittedAt: made, acceptedAt: made, assignedAt: made, reportedAt: made,
      })
      const read = await records.get('escalations', resolved.id)
      expect(read).toEqual({
        ...resolved, submittedAt: made, acceptedAt: made, assignedAt: made, reportedAt: made, resolvedAt: changed,
      })
      expect(recordSchemas.escalations.parse(read)).toEqual(read)
    })
  })

  describe('交办 → 报到 → 办结 → the village\'s rating', () => {
    let t: TestApp
    beforeAll(async () => {
      t = await startApp(makeDb)
    })
    afterAll(() => t.close())

    it('stamps each step, takes 报到 once, and reopens the item on a 部分解决 rating', async () => {
      const staff = await enrolAs(t, 'township')
      const cadre = await enrolAs(t, 'cadre', '张书记')
      const submitted = t.demo.escalations.find((e) => e.status === 'submitted')!
      const escalation = t.demo.escalations.find((e) => e.status === 'assigned')!
      const before = escalation.reportedAt
      const assign = { id: escalation.id, department: '镇交通办', assignee: '王干事', coordinationOn: null, dueOn: '2099-01-05' }
      const res = await push(t.app, staff, [
        mutation(1, 'escalation.assign', assign),
        mutation(2, 'escalation.report', { id: escalation.id }),
        mutation(3, 'escalation.report', { id: escalation.id }),
        mutation(4, 'escalation.report', { id: submitted.id }),
        mutation(5, 'escalation.resolve', { id: escalation.id, suggestionIds: escalation.suggestionIds, resolution: '已组织机械清淤' }),
        mutation(6, 'escalation.close', { id: escalation.id }),
      ])
      expect(res.body.rejections).toEqual([
        { mid: 3, name: 'escalation.report', code: 'illegal_transition', field: 'id', detail: 'reported' },
        { mid: 4, name: 'escalation.report', code: 'illegal_transition', field: 'id', detail: 'submitted' },
        { mid: 6, name: 'escalation.close', code: 'invalid_args', field: 'note', detail: 'note_required' },
      ])
      let { rows } = await pullAll(t.app, staff)
      const worked = rows.find((r) => r.row.id === escalation.id)!.row as Escalation
      expect(worked).toMatchObject({ status: 'resolved', department: '镇交通办', resolution: '已组织机械清淤' })
      expect(worked.assignedAt).toBeDefined()
      expect(worked.reportedAt).not.toBe(before)
      expect(worked.reportedAt! >= worked.assignedAt!).toBe(true)
      expect(worked.resolvedAt! >= worked.reportedAt!).toBe(true)

      const rated = await push(t.app, cadre, [
        mutation(1, 'escalation.rate', {
          id: escalation.id, suggestionIds: escalation.suggestionIds, stars: 2, outcome: 'partly', feedback: '下游还堵着一段',
        }),
      ])
      expect(rated.body.rejections).toEqual([])
      ;({ rows } = await pullAll(t.app, staff))
      const reopened = rows.find((r) => r.row.id === escalation.id)!.row as Escalation
      expect(reopened).toMatchObject({
        status: 'assigned', feedback: '下游还堵着一段', rating: { stars: 2, outcome: 'partly' },
      })
      expect(reopened.reopenedAt! >= reopened.resolvedAt!).toBe(true)
      const suggestion = rows.find((r) => r.row.id === escalation.suggestionIds[0])!.row
      expect(suggestion).toMatchObject({ status: 'escalated' })
    })
  })
})
