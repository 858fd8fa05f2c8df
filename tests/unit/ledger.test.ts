import { describe, expect, it } from 'vitest'
import { defaultCalendar } from '@shared/calendar'
import type { LedgerFilter, LedgerRows } from '@shared/ledger'
import { funnel, indexLedger, ledgerFilter, openItems, suggestionPath } from '@shared/ledger'
import type { Suggestion } from '@shared/records'
import {
  aDecision, aMeeting, anEscalation, aRemark, aSuggestion, aTopic, aVillage, ids, testId,
} from './builders'

// A hand-built village, 刘土城村, after its September meeting (M1, closed, on the evening of
// 25 September 2026) and with the October one (M2) under way. The other village of the same
// township has one suggestion and an overdue decision; a village of another township has nothing.
// Suggestion n was collected on 2026-09-(10+n), so "newest first" is s12 … s1.
function village() {
  const m1 = aMeeting({ status: 'closed', startsAt: '2026-09-25T11:30:00.000Z' })
  const m2 = aMeeting({ status: 'in_progress', startsAt: '2026-10-09T11:30:00.000Z' })
  const t = {
    light: aTopic({ meetingId: m1.id, title: '路灯', outcome: 'decided' }),
    bridge: aTopic({ meetingId: m1.id, title: '桥', outcome: 'escalated' }),
    rubbish: aTopic({ meetingId: m1.id, title: '垃圾', outcome: 'deferred' }),
    rules: aTopic({ meetingId: m1.id, title: '村规', outcome: 'decided' }),
    untouched: aTopic({ meetingId: m1.id, title: '没来得及讨论', outcome: 'pending' }),
    rubbishAgain: aTopic({ meetingId: m2.id, title: '垃圾', outcome: 'pending' }),
    water: aTopic({ meetingId: m2.id, title: '自来水', outcome: 'decided' }),
  }
  const collected = (n: number) => `2026-09-${String(10 + n).padStart(2, '0')}T02:00:00.000Z`
  const s = (n: number, overrides: Partial<Suggestion>) =>
    aSuggestion({ id: testId(0x500 + n), createdAt: collected(n), updatedAt: collected(n), ...overrides })
  const s1 = s(1, {
    content: '村东头路灯坏了', status: 'closed', topicId: t.light.id, updatedAt: '2026-09-29T03:00:00.000Z',
    rating: { stars: 5, outcome: 'resolved', ratedAt: '2026-09-29T03:00:00.000Z' },
  })
  const s2 = s(2, {
    content: '村东路灯太暗', status: 'on_agenda', topicId: t.light.id,
    rating: { stars: 2, outcome: 'partly', ratedAt: '2026-09-30T03:00:00.000Z' },
  })
  const s3 = s(3, { content: '村西桥面塌了', status: 'escalated', topicId: t.bridge.id })
  const s4 = s(4, { content: '垃圾没人清运', category: 'environment', status: 'on_agenda', topicId: t.rubbishAgain.id })
  const s5 = s(5, { content: '红白事大操大办', category: 'governance', status: 'resolved', topicId: t.rules.id })
  const s6 = s(6, { content: '低保怎么申请', category: 'welfare', status: 'answered', answer: '带户口本到村委会登记', updatedAt: '2026-09-18T08:00:00.000Z' })
  const s7 = s(7, { content: '想在河边养鸭', category: 'environment', status: 'declined', declineReason: '河道禁止养殖', submitterName: '王奶奶' })
  const s8 = s(8, { content: '路灯不亮', status: 'merged', mergedInto: s1.id })
  const s9 = s(9, { content: '广场要装健身器材', status: 'on_agenda', topicId: t.untouched.id })
  const s10 = s(10, { content: '自来水停了三天', source: 'hotline', receiptCode: 'HX7K2M9Q' })
  const s11 = s(11, { content: '村道坑洼', source: 'hotline', status: 'resolved' })
  const s12 = s(12, {
    content: '学校门口缺减速带', status: 'closed', rating: { stars: 4, outcome: 'resolved', ratedAt: '2026-10-05T03:00:00.000Z' },
  })
  t.light.suggestionIds = [s1.id, s2.id]
  t.bridge.suggestionIds = [s3.id]
  t.rubbish.suggestionIds = [s4.id]
  t.rules.suggestionIds = [s5.id]
  t.untouched.suggestionIds = [s9.id]
  t.rubbishAgain.suggestionIds = [s4.id]
  const d = {
    lightFixed: aDecision({ meetingId: m1.id, topicId: t.light.id, status: 'done', dueOn: '2026-09-29', createdAt: '2026-09-25T12:10:00.000Z' }),
    lightMore: aDecision({ meetingId: m1.id, topicId: t.light.id, text: '再加装两盏路灯', status: 'open', dueOn: '2026-09-30', createdAt: '2026-09-25T12:20:00.000Z' }),
    rule: aDecision({ meetingId: m1.id, topicId: t.rules.id, kind: 'rule', text: '红白事简办公约', status: 'done', dueOn: '2026-10-09' }),
    tonight: aDecision({ meetingId: m2.id, topicId: t.water.id, text: '每周二检查水泵', status: 'open', dueOn: '2026-10-12' }),
    dueToday: aDecision({ meetingId: null, topicId: null, text: '修好村委会大门', status: 'open', dueOn: '2026-10-08' }),
    cancelled: aDecision({ meetingId: m1.id, topicId: t.bridge.id, text: '村里自己修桥', status: 'cancelled' }),
    elsewhere: aDecision({ villageId: ids.otherVillage, status: 'open', dueOn: '2026-09-01' }),
  }
  const e = {
    bridge: anEscalation({ topicId: t.bridge.id, suggestionIds: [s3.id], status: 'assigned', dueOn: '2026-10-09', assignee: '刘科长' }),
    road: anEscalation({ suggestionIds: [s11.id], title: '村道修补', status: 'resolved', resolution: '已铺沥青', dueOn: '2026-09-20', updatedAt: '2026-09-28T09:00:00.000Z', createdAt: '2026-09-22T01:00:00.000Z' }),
    school: anEscalation({ suggestionIds: [s12.id], title: '减速带', status: 'closed' }),
  }
  const evidence = aRemark({ subjectType: 'decision', subjectId: d.lightFixed.id, kind: 'progress', text: '路灯已修好', createdAt: '2026-09-28T02:00:00.000Z' })
  const suggestions = [s1, s2, s3, s4, s5, s6, s7, s8, s9, s10, s11, s12]
  const rows: LedgerRows = {
    suggestions: [...suggestions, aSuggestion({ villageId: ids.otherVillage }), aSuggestion({ deletedAt: '2026-09-30T00:00:00.000Z' })],
    topics: Object.values(t),
    meetings: [m1, m2],
    decisions: Object.values(d),
    escalations: Object.values(e),
    remarks: [evidence, aRemark({ subjectType: 'decision', subjectId: d.lightFixed.id, kind: 'note', createdAt: '2026-09-30T00:00:00.000Z' })],
    villages: [aVillage(), aVillage({ id: ids.otherVillage, code: 'szc001' }), aVillage({ id: testId(13), townshipId: ids.otherTownship, code: 'zz0001' })],
  }
  const villageRows: LedgerRows = { ...rows, suggestions, decisions: Object.values(d).filter((one) => one.villageId === ids.village) }
  return { m1, m2, t, d, e, s: { s1, s2, s3, s4, s5, s6, s7, s8, s9, s10, s11, s12 }, rows, villageRows, evidence }
}

describe('funnel', () => {
  it('counts each stage for the village, the township and in total', () => {
    const { rows } = village()
    const result = funnel(rows, { today: '2026-10-08' })
    expect(result.byVillage[ids.village]).toEqual({
      collected: 12, onAgenda: 6, decided: 3, escalated: 3, resolved: 4, rated: 3, rulesFormed: 1, open: 4, overdue: 1,
    })
    expect(result.byVillage[ids.otherVillage]).toEqual({
      collected: 1, onAgenda: 0, decided: 0, escalated: 0, resolved: 0, rated: 0, rulesFormed: 0, open: 1, overdue: 1,
    })
    expect(result.byTownship).toEqual({
      [ids.township]: { collected: 13, onAgenda: 6, decided: 3, escalated: 3, resolved: 4, rated: 3, rulesFormed: 1, open: 5, overdue: 2 },
      [ids.otherTownship]: { collected: 0, onAgenda: 0, decided: 0, escalated: 0, resolved: 0, rated: 0, rulesFormed: 0, open: 0, overdue: 0 },
    })
    expect(result.total).toEqual(result.byTownship[ids.township])
  })

  it('leaves overdue unknown without a date to judge it by', () => {
    expect(funnel(village().rows).byVillage[ids.village]?.overdue).toBeNull()
  })

  it('counts nothing for no rows', () => {
    expect(funnel({ suggestions: [] }, { today: '2026-10-08' })).toEqual({
      total: { collected: 0, onAgenda: 0, decided: 0, escalated: 0, resolved: 0, rated: 0, rulesFormed: 0, open: 0, overdue: 0 },
      byVillage: {},
      byTownship: {},
    })
  })
})

describe('suggestionPath', () => {
  it('follows a suggestion decided on the spot, done with evidence and rated satisfied', () => {
    const { s, m1, t, d, rows } = village()
    expect(suggestionPath(s.s1, rows)).toEqual([
      { kind: 'collected', at: '2026-09-11T02:00:00.000Z' },
      { kind: 'on_agenda', at: m1.startsAt, meetingId: m1.id, topicId: t.light.id },
      {
        kind: 'decided', at: '2026-09-25T12:10:00.000Z', decisionId: d.lightFixed.id, meetingId: m1.id, topicId: t.light.id,
        text: '本周内修好村东路灯', status: 'done', dueOn: '2026-09-29', owner: '张主任',
      },
      {
        kind: 'decided', at: '2026-09-25T12:20:00.000Z', decisionId: d.lightMore.id, meetingId: m1.id, topicId: t.light.id,
        text: '再加装两盏路灯', status: 'open', dueOn: '2026-09-30', owner: '张主任',
      },
      {
        kind: 'resolved', at: '2026-09-28T02:00:00.000Z', decisionId: d.lightFixed.id, meetingId: m1.id, topicId: t.light.id,
        text: '路灯已修好', status: 'done', dueOn: '2026-09-29', owner: '张主任',
      },
      { kind: 'rated', at: '2026-09-29T03:00:00.000Z', rating: { stars: 5, outcome: 'resolved', ratedAt: '2026-09-29T03:00:00.000Z' } },
      { kind: 'closed', at: '2026-09-29T03:00:00.000Z' },
    ])
  })

  it('shows a deferral and the later meeting it went to', () => {
    const { s, m1, m2, t, rows } = village()
    expect(suggestionPath(s.s4, rows)).toEqual([
      { kind: 'collected', at: '2026-09-14T02:00:00.000Z' },
      { kind: 'on_agenda', at: m1.startsAt, meetingId: m1.id, topicId: t.rubbish.id },
      { kind: 'deferred', at: m1.startsAt, meetingId: m1.id, topicId: t.rubbish.id },
      { kind: 'on_agenda', at: m2.startsAt, meetingId: m2.id, topicId: t.rubbishAgain.id },
    ])
  })

  it('shows a partly satisfied rating reopening the item', () => {
    const { s, rows } = village()
    expect(suggestionPath(s.s2, rows).slice(-2)).toEqual([
      { kind: 'rated', at: '2026-09-30T03:00:00.000Z', rating: { stars: 2, outcome: 'partly', ratedAt: '2026-09-30T03:00:00.000Z' } },
      { kind: 'reopened', at: '2026-09-30T03:00:00.000Z' },
    ])
  })

  it('follows an escalation to its result', () => {
    const { s, e, rows } = village()
    expect(suggestionPath(s.s11, rows)).toEqual([
      { kind: 'collected', at: '2026-09-21T02:00:00.000Z' },
      { kind: 'escalated', at: '2026-09-22T01:00:00.000Z', escalationId: e.road.id, status: 'resolved', dueOn: '2026-09-20', owner: null, text: '村道修补' },
      { kind: 'resolved', at: '2026-09-28T09:00:00.000Z', escalationId: e.road.id, status: 'resolved', dueOn: '2026-09-20', owner: null, text: '已铺沥青' },
    ])
  })

  it.each([
    ['answered', 's6', { kind: 'answered', at: '2026-09-18T08:00:00.000Z', text: '带户口本到村委会登记' }],
    ['declined', 's7', { kind: 'declined', at: '2026-09-17T02:00:00.000Z', text: '河道禁止养殖' }],
    ['merged', 's8', { kind: 'merged', at: '2026-09-18T02:00:00.000Z', mergedInto: testId(0x501) }],
  ] as const)('ends an item %s in triage with that outcome', (_, key, last) => {
    const { s, rows } = village()
    const path = suggestionPath(s[key], rows)
    expect(path.map((step) => step.kind)).toEqual(['collected', last.kind])
    expect(path[1]).toEqual(last)
  })

  it('gives the same path from a reused index', () => {
    const { s, rows } = village()
    const index = indexLedger(rows)
    expect(suggestionPath(s.s3, index)).toEqual(suggestionPath(s.s3, rows))
  })
})

describe('openItems', () => {
  it('lists every open item of the village from earlier meetings, with working days across the National Day holiday', () => {
    const { rows, d, e, s, m1, m2 } = village()
    const items = openItems(ids.village, rows, defaultCalendar, '2026-10-08', { meetingId: m2.id })
    expect(items.map(({ kind, id, meetingId, dueOn, due, owner }) => ({ kind, id, meetingId, dueOn, due, owner }))).toEqual([
      // Resolved by the township and waiting for the village's feedback: no deadline running.
      { kind: 'escalation', id: e.road.id, meetingId: null, dueOn: '2026-09-20', due: null, owner: null },
      // Due 30 Sep: 1–7 Oct are days off, so on the 8th only one working day has passed.
      { kind: 'decision', id: d.lightMore.id, meetingId: m1.id, dueOn: '2026-09-30', due: { status: 'overdue', workingDaysLeft: -1 }, owner: '张主任' },
      { kind: 'decision', id: d.dueToday.id, meetingId: null, dueOn: '2026-10-08', due: { status: 'due_today', workingDaysLeft: 0 }, owner: '张主任' },
      { kind: 'escalation', id: e.bridge.id, meetingId: m1.id, dueOn: '2026-10-09', due: { status: 'on_time', workingDaysLeft: 1 }, owner: '刘科长' },
      { kind: 'suggestion', id: s.s2.id, meetingId: m1.id, dueOn: null, due: null, owner: null },
      { kind: 'suggestion', id: s.s9.id, meetingId: m1.id, dueOn: null, due: null, owner: null },
    ])
  })

  it('includes tonight\'s own decisions when no meeting is named, counting the 调休 Saturday', () => {
    const { rows, d } = village()
    const tonight = openItems(ids.village, rows, defaultCalendar, '2026-10-08').find((item) => item.id === d.tonight.id)
    // 9 Oct (Fri), 10 Oct (Sat, an adjusted working day) and 12 Oct (Mon).
    expect(tonight && { title: tonight.title, due: tonight.due }).toEqual({ title: '每周二检查水泵', due: { status: 'on_time', workingDaysLeft: 3 } })
  })

  it('lists nothing of another village', () => {
    const { rows, d } = village()
    expect(openItems(ids.otherVillage, rows, defaultCalendar, '2026-10-08').map((item) => item.id)).toEqual([d.elsewhere.id])
  })

  it('carries over a suggestion left on the agenda of a cancelled meeting', () => {
    const cancelled = aMeeting({ status: 'cancelled' })
    const topic = aTopic({ meetingId: cancelled.id })
    const stranded = aSuggestion({ status: 'on_agenda', topicId: topic.id })
    const items = openItems(ids.village, { suggestions: [stranded], topics: [topic], meetings: [cancelled] }, defaultCalendar, '2026-10-08')
    expect(items.map((item) => [item.kind, item.id, item.title])).toEqual([['suggestion', stranded.id, stranded.content]])
  })
})

describe('ledgerFilter', () => {
  const { villageRows, m1, m2 } = village()
  const index = indexLedger(villageRows)
  const numbers = (list: readonly Suggestion[]) => list.map((one) => Number.parseInt(one.id.slice(-3), 16) - 0x500)

  it.each<[string, LedgerFilter, number[]]>([
    ['no filter', {}, [12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1]],
    ['one status', { status: 'on_agenda' }, [9, 4, 2]],
    ['several statuses', { status: ['resolved', 'closed'] }, [12, 11, 5, 1]],
    ['a category', { category: 'environment' }, [7, 4]],
    ['a source', { source: 'hotline' }, [11, 10]],
    ['the September meeting', { meetingId: m1.id }, [9, 5, 4, 3, 2, 1]],
    ['the October meeting', { meetingId: m2.id }, [4]],
    ['overdue', { overdue: true }, [2, 1]],
    ['not overdue, on the agenda', { overdue: false, status: 'on_agenda' }, [9, 4]],
    ['words of the content', { text: '路灯' }, [8, 2, 1]],
    ['a receipt code in lower case', { text: ' hx7k ' }, [10]],
    ['the submitter\'s name', { text: '王奶奶' }, [7]],
    ['words of an answer', { text: '户口本' }, [6]],
    ['every filter at once', { status: 'on_agenda', category: 'environment', source: 'villager', meetingId: m1.id, overdue: false, text: '垃圾' }, [4]],
    ['filters that exclude each other', { status: 'new', meetingId: m1.id }, []],
  ])('filters by %s', (_, filter, expected) => {
    expect(numbers(ledgerFilter(index, filter, '2026-10-08'))).toEqual(expected)
  })

  it('narrows a township\'s rows to one village', () => {
    const { rows } = village()
    expect(ledgerFilter(rows, { villageId: ids.otherVillage }, '2026-10-08').map((one) => one.villageId)).toEqual([ids.otherVillage])
    expect(ledgerFilter(rows, { villageId: ids.village }, '2026-10-08')).toHaveLength(12)
  })

  it('gives the same answer from rows as from an index', () => {
    expect(ledgerFilter(villageRows, { text: '路灯' }, '2026-10-08')).toEqual(ledgerFilter(index, { text: '路灯' }, '2026-10-08'))
  })
})

describe('ledger at village scale', () => {
  // 2,000 suggestions and 200 meetings: the derivations are one pass plus lookups, so every
  // suggestion is counted exactly once and the filter agrees with a direct count.
  it('derives the funnel and filters over a large village consistently', () => {
    const meetings = Array.from({ length: 200 }, (_, i) => aMeeting({ status: 'closed', startsAt: new Date(Date.UTC(2025, 0, 1 + i * 2, 11, 30)).toISOString() }))
    const suggestions: Suggestion[] = []
    const topics = meetings.map((meeting) => {
      const topic = aTopic({ meetingId: meeting.id, outcome: 'decided' })
      for (let k = 0; k < 10; k++) {
        const one = aSuggestion({ status: k % 2 ? 'decided' : 'closed', topicId: topic.id, rating: k % 2 ? null : { stars: 5, outcome: 'resolved', ratedAt: meeting.startsAt } })
        topic.suggestionIds.push(one.id)
        suggestions.push(one)
      }
      return topic
    })
    const decisions = topics.map((topic) => aDecision({ topicId: topic.id, meetingId: topic.meetingId, status: 'open', dueOn: '2026-01-01' }))
    const rows = { suggestions, topics, meetings, decisions, villages: [aVillage()] }
    const counts = funnel(rows, { today: '2026-10-08' }).byVillage[ids.village]
    expect(counts).toEqual({ collected: 2000, onAgenda: 2000, decided: 2000, escalated: 0, resolved: 1000, rated: 1000, rulesFormed: 0, open: 200, overdue: 200 })
    expect(ledgerFilter(rows, { status: 'decided', overdue: true }, '2026-10-08')).toHaveLength(1000)
    expect(openItems(ids.village, rows, defaultCalendar, '2026-10-08')).toHaveLength(200)
  })
})
