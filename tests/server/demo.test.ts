import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { recordSchemas } from '@shared/records'
import type { TableName } from '@shared/records'
import { issueDemoCodes, writeDemoCodes } from '../../src/server/demo/codes'
import { seedDemo } from '../../src/server/demo/seed'
import type { TestApp } from './helpers/app'
import { codeOf, enrol, startApp } from './helpers/app'
import { DAY } from './helpers/clock'
import { forEachDatabase } from './helpers/databases'

forEachDatabase((makeDb) => {
  let t: TestApp
  beforeAll(async () => {
    t = await startApp(makeDb)
  })
  afterAll(() => t.close())

  describe('demo seed', () => {
    it('stores rows that each pass their shared schema', async () => {
      for (const [table, rows] of Object.entries(t.demo) as [TableName, unknown[]][]) {
        const stored = await t.app.ctx.records.list(table)
        expect(stored).toHaveLength(rows.length)
        expect(stored).toEqual(rows)
        for (const row of stored) expect(recordSchemas[table].parse(row)).toEqual(row)
      }
    })

    it('gives every row its own version, in write order', async () => {
      const versions = Object.values(t.demo).flat().map((row) => row.version)
      expect(versions).toEqual(Array.from({ length: versions.length }, (_, i) => i + 1))
    })

    it('has one township with the default policy (2/3/1, accept 1, 报到 1, close after 5) and two villages', () => {
      expect(t.demo.townships.map((x) => [x.name, x.policy])).toEqual([
        ['郭村镇', { villageDays: 2, townshipDays: 3, upwardDays: 1, acceptDays: 1, reportDays: 1, closeAfterDays: 5 }],
      ])
      expect(t.demo.villages.map((v) => [v.name, v.code])).toEqual([['刘土城村', 'ltc01'], ['孙庄村', 'szc01']])
    })

    it('has a member of every role', () => {
      expect(new Set(t.demo.members.map((m) => m.role))).toEqual(new Set(['cadre', 'collector', 'township', 'admin']))
      const [ltc, szc] = t.demo.villages
      expect(t.demo.members.filter((m) => m.role === 'cadre').map((m) => m.villageId)).toEqual(
        expect.arrayContaining([ltc!.id, szc!.id]),
      )
    })

    it('has a past closed meeting in 刘土城村 whose topics group suggestions', () => {
      const [meeting] = t.demo.meetings
      expect(meeting).toMatchObject({ status: 'closed', villageId: t.demo.villages[0]!.id })
      expect(Date.parse(meeting!.startsAt)).toBeLessThan(t.clock().getTime())
      expect(t.demo.topics.map((x) => [x.order, x.outcome, x.meetingId])).toEqual([
        [0, 'decided', meeting!.id], [1, 'escalated', meeting!.id], [2, 'decided', meeting!.id],
      ])
      for (const topic of t.demo.topics) {
        for (const id of topic.suggestionIds) {
          expect(t.demo.suggestions.find((s) => s.id === id)?.topicId).toBe(topic.id)
        }
      }
    })

    it('has suggestions in several statuses, an overdue open decision and open escalations', () => {
      expect(new Set(t.demo.suggestions.map((s) => s.status))).toEqual(new Set(['decided', 'escalated', 'answered', 'new']))
      const today = '2026-11-20'
      const open = t.demo.decisions.filter((d) => d.status === 'open')
      expect(open.filter((d) => d.dueOn < today)).toHaveLength(1)
      expect(open.filter((d) => d.dueOn > today)).toHaveLength(1)
      expect(t.demo.escalations.map((e) => e.status)).toEqual(['assigned', 'submitted'])
    })

    it('is written only into an empty database', async () => {
      expect(await seedDemo(t.app.ctx)).toBeNull()
      expect(await t.app.ctx.records.list('townships')).toHaveLength(1)
    })
  })

  describe('demo codes', () => {
    it('gives every demo member a 4-4 digit code', () => {
      expect(t.codes).toHaveLength(t.demo.members.length)
      expect(t.codes.map((c) => [c.role, c.name, c.village])).toEqual([
        ['cadre', '张书记', '刘土城村'], ['cadre', '刘主任', '刘土城村'], ['cadre', '孙书记', '孙庄村'],
        ['collector', '王大姐', '刘土城村'], ['collector', '孙建国', '孙庄村'],
        ['township', '陈干事', null], ['admin', '赵管理员', null],
      ])
      for (const c of t.codes) expect(c.code).toMatch(/^\d{4}-\d{4}$/)
    })

    it('writes them to demo-codes.json', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'yehua-data-'))
      const file = await writeDemoCodes(dir, t.codes)
      expect(file).toBe(join(dir, 'demo-codes.json'))
      expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(t.codes)
      rmSync(dir, { recursive: true })
    })

    it('re-issues codes on restart to members who have not enrolled; old ones stop working', async () => {
      const before = t.codes
      await enrol(t.app, codeOf(t, 'cadre', '张书记'))
      t.clock.advance(DAY)
      const again = await issueDemoCodes(t.app.ctx)
      expect(again.enrolled).toEqual([{ role: 'cadre', name: '张书记', village: '刘土城村' }])
      expect(again.codes.map((c) => c.name)).toEqual(['刘主任', '孙书记', '王大姐', '孙建国', '陈干事', '赵管理员'])
      expect(again.expiresAt).toBe(new Date(t.clock().getTime() + 30 * DAY).toISOString())
      const oldCode = before.find((c) => c.name === '刘主任')!.code
      const newCode = again.codes.find((c) => c.name === '刘主任')!.code
      const refused = await t.app.inject({ method: 'POST', url: '/api/enrol', payload: { code: oldCode, label: 'x' } })
      expect(refused.statusCode).toBe(400)
      expect(refused.json().error.code).toBe('code_expired')
      expect((await enrol(t.app, newCode)).body).toMatchObject({ member: { name: '刘主任', role: 'cadre' } })
    })
  })
})
