import { describe, expect, it } from 'vitest'
import { defaultCalendar, dueStatus } from '@shared/calendar'
import { indexLedger } from '@shared/ledger'
import type { Suggestion } from '@shared/records'
import { villageBoard } from '@shared/villager/board'
import { aDecision, aMeeting, anEscalation, aRemark, aSuggestion, aTopic, aVillage, ids, testId } from '../builders'

// 刘土城村 on Friday 9 October 2026, 10:00 in Shanghai: the 12th meeting closed in September, the
// 13th is announced for tomorrow evening; another village's rows must not show.
const NOW = '2026-10-09T02:00:00.000Z'
const village = aVillage()
const closed = aMeeting({ status: 'closed', title: '第十二期', startsAt: '2026-09-25T11:30:00.000Z' })
const next = aMeeting({ status: 'announced', title: '第十三期', startsAt: '2026-10-10T11:30:00.000Z', place: '村委会大院' })
const later = aMeeting({ status: 'announced', title: '第十四期', startsAt: '2026-11-10T11:30:00.000Z' })
const draft = aMeeting({ status: 'draft', title: '还在商量的一期', startsAt: '2026-10-09T11:30:00.000Z' })
const stale = aMeeting({ status: 'announced', title: '忘了关的一期', startsAt: '2026-09-01T11:30:00.000Z' })

const person = (n: number, overrides: Partial<Suggestion>) =>
  aSuggestion({ id: testId(0xa00 + n), submitterName: `村民${n}号`, submitterPhone: `1390000${String(n).padStart(4, '0')}`, content: `第${n}条意见的原话`, ...overrides })
const bridge = aTopic({ meetingId: next.id, title: '村西小桥的安全', order: 1 })
const lamp = aTopic({ meetingId: next.id, title: '路灯', order: 0 })
const put = aTopic({ meetingId: next.id, title: '推迟的议题', order: 2, outcome: 'deferred' })
const s = {
  agreed: person(1, { status: 'on_agenda', topicId: bridge.id, publicName: true }),
  private: person(2, { status: 'on_agenda', topicId: bridge.id, publicName: false }),
  declined: person(3, { status: 'declined', topicId: bridge.id, publicName: true, declineReason: '重复' }),
  merged: person(4, { status: 'merged', publicName: true }),
  fresh: person(5, { status: 'new', publicName: true }),
  rated: person(6, { status: 'closed', rating: { stars: 4, outcome: 'resolved', ratedAt: NOW } }),
  reopened: person(7, { status: 'on_agenda', topicId: lamp.id, rating: { stars: 1, outcome: 'unresolved', ratedAt: NOW, by: 'villager', note: '根本没修' } }),
  resolved: person(8, { status: 'resolved' }),
  elsewhere: person(9, { villageId: ids.otherVillage, status: 'closed', publicName: true }),
}
bridge.suggestionIds = [s.agreed.id, s.private.id, s.declined.id, s.merged.id]
lamp.suggestionIds = [s.reopened.id]

const d = {
  open: aDecision({ meetingId: closed.id, text: '焊好小桥栏杆', owner: '刘主任', dueOn: '2026-10-13', createdAt: '2026-09-25T12:00:00.000Z' }),
  overdue: aDecision({ meetingId: closed.id, text: '更换路灯', owner: '张书记', dueOn: '2026-09-30', createdAt: '2026-09-25T12:05:00.000Z' }),
  onTime: aDecision({ text: '清理水塘', owner: '王委员', dueOn: '2026-09-30', status: 'done', createdAt: '2026-09-20T02:00:00.000Z', updatedAt: '2026-09-29T02:00:00.000Z' }),
  late: aDecision({ text: '修补村道', owner: '王委员', dueOn: '2026-09-28', status: 'done', createdAt: '2026-09-21T02:00:00.000Z', updatedAt: '2026-10-05T02:00:00.000Z' }),
  cancelled: aDecision({ text: '取消了的事', status: 'cancelled' }),
  old: aDecision({ text: '很早办完的事', status: 'done', createdAt: '2026-03-01T02:00:00.000Z', updatedAt: '2026-03-05T02:00:00.000Z' }),
  elsewhere: aDecision({ villageId: ids.otherVillage, text: '别村的事' }),
}
const lateEvidence = aRemark({ subjectType: 'decision', subjectId: d.late.id, kind: 'progress', text: '补好了', speaker: '施工队老赵', createdAt: '2026-10-02T02:00:00.000Z' })
const e = {
  working: anEscalation({ title: '东街排水沟疏通', status: 'assigned', department: '镇水利站', assignee: '李站长', dueOn: '2026-10-08', createdAt: '2026-09-25T12:30:00.000Z' }),
  resolved: anEscalation({ title: '小桥桥面检测', status: 'resolved', resolution: '镇交通站已补好桥面', createdAt: '2026-09-26T02:00:00.000Z' }),
  returned: anEscalation({ title: '退回的事', status: 'returned', createdAt: '2026-09-27T02:00:00.000Z' }),
  oldClosed: anEscalation({ title: '去年的事', status: 'closed', createdAt: '2025-10-01T02:00:00.000Z', updatedAt: '2025-11-01T02:00:00.000Z' }),
}
const index = indexLedger({
  suggestions: Object.values(s),
  meetings: [closed, next, later, draft, stale],
  topics: [bridge, lamp, put],
  decisions: Object.values(d),
  escalations: Object.values(e),
  remarks: [lateEvidence, aRemark({ subjectType: 'topic', subjectId: bridge.id, kind: 'view', text: '栏杆得焊上', speaker: '孙大娘' })],
  villages: [village],
})
const board = villageBoard(village, index, defaultCalendar, NOW)

describe('villageBoard', () => {
  it('announces the next meeting with its topics in order; deferred topics, drafts and stale ones are left out', () => {
    expect(board.next).toEqual({
      title: '第十三期',
      startsAt: next.startsAt,
      place: '村委会大院',
      status: 'announced',
      topics: [
        { title: '路灯', raisedBy: [] },
        { title: '村西小桥的安全', raisedBy: ['村民1号'] },
      ],
    })
  })

  it('shows a meeting under way before any announced one', () => {
    const tonight = aMeeting({ status: 'in_progress', title: '今晚这一期', startsAt: '2026-10-08T11:30:00.000Z' })
    const withTonight = indexLedger({ suggestions: [], meetings: [next, tonight] })
    expect(villageBoard(village, withTonight, defaultCalendar, NOW).next).toMatchObject({ title: '今晚这一期', status: 'in_progress' })
  })

  it('has no next meeting when none is announced', () => {
    expect(villageBoard(village, indexLedger({ suggestions: [], meetings: [closed, draft] }), defaultCalendar, NOW).next).toBeNull()
  })

  it('lists open decisions first by deadline, in working days, then those done, latest first, on time or late', () => {
    const today = '2026-10-09'
    expect(board.decisions.map((one) => [one.text, one.owner, one.state, one.due, one.timing])).toEqual([
      ['更换路灯', '张书记', 'open', dueStatus(defaultCalendar, '2026-09-30', today), null],
      ['焊好小桥栏杆', '刘主任', 'open', dueStatus(defaultCalendar, '2026-10-13', today), null],
      ['修补村道', '王委员', 'done', null, 'late'],
      ['清理水塘', '王委员', 'done', null, 'on_time'],
    ])
    // 1–8 October are the National Day holidays and Saturday 10 October a make-up workday (调休).
    expect(board.decisions.map((one) => one.due?.status ?? null)).toEqual(['overdue', 'on_time', null, null])
    expect(board.decisions[1]?.due?.workingDaysLeft).toBe(3)
    expect(board.decisions.find((one) => one.text === '修补村道')?.doneOn).toBe('2026-10-02')
    expect(board.decisions[0]?.decidedAt).toBe(closed.startsAt)
  })

  it('lists escalations with their department, deadline and result; old closed ones drop off', () => {
    expect(board.escalations.map((one) => [one.title, one.state, one.department, one.due, one.result])).toEqual([
      ['退回的事', 'returned', null, null, null],
      ['小桥桥面检测', 'resolved', null, null, '镇交通站已补好桥面'],
      ['东街排水沟疏通', 'working', '镇水利站', { status: 'overdue', workingDaysLeft: -1 }, null],
    ])
  })

  it("counts the village's own items: collected, resolved, rated and the stars", () => {
    expect(board.counts).toEqual({ collected: 8, resolved: 2, rated: 2, averageStars: 2.5, satisfied: 1 })
  })

  it('leaves out every private field: a JSON walk finds no phone, no unagreed name, no submission text', () => {
    const json = JSON.stringify(board)
    for (const one of Object.values(s)) {
      expect(json).not.toContain(one.submitterPhone!)
      expect(json).not.toContain(one.content)
      if (one !== s.agreed) expect(json).not.toContain(one.submitterName!)
    }
    for (const secret of ['重复', '根本没修', '孙大娘', '施工队老赵', '李站长', '补好了', '别村的事', '还在商量的一期', '忘了关的一期', '第十四期']) {
      expect(json).not.toContain(secret)
    }
    expect(json).not.toMatch(/1\d{10}/)
  })
})
