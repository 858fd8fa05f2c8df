import { describe, expect, it } from 'vitest'
import { defaultCalendar } from '@shared/calendar'
import { defaultDeadlinePolicy, type Suggestion } from '@shared/records'
import {
  PAGE_SIZE, deriveRows, filterFromQuery, firstScreenOf, isOpeningFilter, optionsOf, queryFromFilter, viewOf, villagerRatingsOf,
  type QueueFilter,
} from '@app/components/desk/queueRows'
import { leftWords } from '@app/components/desk/rowWords'
import { aSuggestion, anEscalation, ids, testId } from '../builders'

const today = '2026-11-18'
const names = new Map([[ids.village, '刘土城村'], [ids.otherVillage, '孙庄村']])
const at = (day: number) => `2026-11-${String(day).padStart(2, '0')}T02:00:00.000Z`
const escalations = [
  anEscalation({ title: '东街排水沟', status: 'assigned', dueOn: '2026-11-16', department: '水利站', assignee: '李站长', assignedAt: at(9), reportedAt: at(10), submittedAt: at(2) }),
  anEscalation({ title: '村西桥面', status: 'assigned', dueOn: '2026-11-18', department: '交通办', assignee: '王干事', assignedAt: at(16), submittedAt: at(12) }),
  anEscalation({ title: '孙庄道路', villageId: ids.otherVillage, status: 'submitted', submittedAt: at(17) }),
  anEscalation({ title: '路灯', status: 'resolved', resolvedAt: at(9), submittedAt: at(3), rating: undefined }),
  anEscalation({ title: '旧事', status: 'closed', submittedAt: at(1), rating: { stars: 4, outcome: 'partly', ratedAt: at(5) } }),
]
const rows = deriveRows(escalations, names, defaultCalendar, defaultDeadlinePolicy, today)
const filter = (patch: Partial<QueueFilter> = {}): QueueFilter => ({ ...filterFromQuery({}), ...patch })

describe('deriveRows', () => {
  it('gives each escalation its clock, village and group in one row', () => {
    expect(rows.map((r) => [r.title, r.group, r.dueOn, r.state, r.workingDaysLeft, r.unreported])).toEqual([
      ['东街排水沟', 'working', '2026-11-16', 'overdue', -2, false],
      ['村西桥面', 'working', '2026-11-18', 'due_today', 0, true],
      ['孙庄道路', 'waiting', '2026-11-18', 'due_today', 0, false],
      ['路灯', 'resolved', null, null, 0, false],
      ['旧事', 'closed', null, null, 0, false],
    ])
    expect(rows[2]!.villageName).toBe('孙庄村')
    expect(rows[3]!.mayCloseWithoutAnswer).toBe(true)
    expect(rows[4]).toMatchObject({ stars: 4, outcome: 'partly' })
  })

  it("takes a villager's own rating after the latest 办结 as the village's answer: the 满意度, and no 销号 without an answer", () => {
    const lamp = escalations[3]!
    const suggestion = (id: string, rating: Suggestion['rating']) => aSuggestion({ id, rating })
    const rated = { ...lamp, suggestionIds: [testId(71), testId(72), testId(73)] }
    const ratings = villagerRatingsOf([rated], [
      suggestion(testId(71), { stars: 2, outcome: 'unresolved', ratedAt: at(8), by: 'villager' }), // before the 办结: an earlier result
      suggestion(testId(72), { stars: 5, outcome: 'resolved', ratedAt: at(12), by: 'villager' }),
      suggestion(testId(73), { stars: 3, outcome: 'partly', ratedAt: at(13) }), // a member's callback: on the escalation already
      undefined,
    ])
    expect([...ratings]).toEqual([[lamp.id, { stars: 5, outcome: 'resolved', ratedAt: at(12), by: 'villager' }]])
    // Not for an escalation still being worked (its suggestion rated an earlier result).
    const worked = { ...escalations[0]!, suggestionIds: [testId(72)] }
    expect(villagerRatingsOf([worked], [suggestion(testId(72), { stars: 5, outcome: 'resolved', ratedAt: at(12), by: 'villager' })]).size).toBe(0)
    const [row] = deriveRows([rated], names, defaultCalendar, defaultDeadlinePolicy, today, ratings)
    expect(row).toMatchObject({ title: '路灯', stars: 5, outcome: 'resolved', mayCloseWithoutAnswer: false })
    // The callback's rating when it came later.
    const called = { ...rated, rating: { stars: 3, outcome: 'partly' as const, ratedAt: at(14) } }
    expect(deriveRows([called], names, defaultCalendar, defaultDeadlinePolicy, today, ratings)[0]).toMatchObject({ stars: 3, outcome: 'partly' })
  })

  it('leaves out deleted rows', () => {
    expect(deriveRows([{ ...escalations[0]!, deletedAt: at(3) }], names, defaultCalendar, defaultDeadlinePolicy, today)).toEqual([])
  })
})

describe('viewOf', () => {
  it('sorts by the nearest deadline, none last, and digests the township', () => {
    const view = viewOf(rows, filter())
    expect(view.rows.map((r) => r.title)).toEqual(['东街排水沟', '村西桥面', '孙庄道路', '旧事', '路灯'])
    expect(view.digest).toEqual({ overdue: 1, dueToday: 2, unreported: 1, closable: 1 })
    expect(view.groupCounts).toEqual({ all: 5, waiting: 1, working: 2, resolved: 1, returned: 0, closed: 1 })
  })

  it.each([
    [{ village: ids.otherVillage }, ['孙庄道路']],
    [{ due: 'overdue' as const }, ['东街排水沟']],
    [{ due: 'today' as const }, ['村西桥面', '孙庄道路']],
    [{ due: 'unreported' as const }, ['村西桥面']],
    [{ department: '交通办' }, ['村西桥面']],
    [{ assignee: '李站长' }, ['东街排水沟']],
    [{ group: 'working' as const }, ['东街排水沟', '村西桥面']],
    [{ from: '2026-11-03', to: '2026-11-12' }, ['村西桥面', '路灯']],
    [{ q: '孙庄' }, ['孙庄道路']],
    [{ q: '王干事' }, ['村西桥面']],
  ])('filters by %j', (patch, titles) => {
    expect(viewOf(rows, filter(patch)).rows.map((r) => r.title)).toEqual(titles)
  })

  it('counts the groups under the other filters, not under the status one', () => {
    const view = viewOf(rows, filter({ village: ids.village, group: 'closed' }))
    expect(view.rows.map((r) => r.title)).toEqual(['旧事'])
    expect(view.groupCounts).toMatchObject({ all: 4, waiting: 0, working: 2, resolved: 1, closed: 1 })
  })

  it('sorts the other way and by the latest sent', () => {
    expect(viewOf(rows, filter({ sort: '-due' })).rows[0]!.dueOn).toBeNull()
    expect(viewOf(rows, filter({ sort: 'new' })).rows.map((r) => r.title)[0]).toBe('孙庄道路')
  })
})

describe('the filters in the URL', () => {
  it('round-trip, leaving the defaults out', () => {
    const f = filter({ village: ids.village, due: 'overdue', q: ' 桥 ', sort: '-due', page: 2 })
    const query = queryFromFilter(f)
    expect(query).toEqual({ village: ids.village, due: 'overdue', q: '桥', sort: '-due', page: '2' })
    expect(filterFromQuery(query)).toEqual({ ...f, q: '桥' })
    expect(queryFromFilter(filter())).toEqual({})
  })

  it('ignore what they do not know', () => {
    expect(filterFromQuery({ due: 'soon', status: 'x', from: 'yesterday', page: '-1', sort: 'up' })).toEqual(filter())
  })
})

describe('options and words', () => {
  it('lists the departments and assignees once', () => {
    expect(optionsOf(rows)).toEqual({ departments: ['交通办', '水利站'], assignees: ['李站长', '王干事'] })
  })

  it('says the time left or overdue', () => {
    expect(leftWords({ state: 'overdue', workingDaysLeft: -2 })).toEqual({ key: 'desk.left.overdue', n: 2 })
    expect(leftWords({ state: 'overdue', workingDaysLeft: 0 })).toEqual({ key: 'desk.left.overdueToday', n: 0 })
    expect(leftWords({ state: 'due_today', workingDaysLeft: 0 })).toEqual({ key: 'desk.left.today', n: 0 })
    expect(leftWords({ state: 'on_time', workingDaysLeft: 3 })).toEqual({ key: 'desk.left.left', n: 3 })
    expect(leftWords({ state: null, workingDaysLeft: 0 })).toEqual({ key: 'desk.left.none', n: 0 })
  })
})

describe('the first screen', () => {
  it('is what the queue shows under its opening filter, cut to the first page', () => {
    const many = deriveRows(
      Array.from({ length: 120 }, (_, i) => anEscalation({ title: `事项${i}`, status: 'assigned', dueOn: `2026-12-${String((i % 28) + 1).padStart(2, '0')}` })),
      names, defaultCalendar, defaultDeadlinePolicy, today,
    )
    const villages = [{ id: ids.village, name: '刘土城村' }]
    const first = firstScreenOf(many, villages)
    const view = viewOf(many, filterFromQuery({}))
    expect(first.total).toBe(120)
    expect(first.view.rows).toEqual(view.rows.slice(0, PAGE_SIZE))
    expect(first.view.digest).toEqual(view.digest)
    expect(first.view.groupCounts).toEqual(view.groupCounts)
    expect(first.options).toEqual(optionsOf(many))
    expect(first.villages).toBe(villages)
  })

  it('stands only for the opening filter', () => {
    expect(isOpeningFilter(filterFromQuery({}))).toBe(true)
    expect(isOpeningFilter(filterFromQuery({ page: '1', sort: 'due' }))).toBe(true)
    for (const query of [{ village: ids.village }, { page: '2' }, { sort: 'new' }, { q: '路' }, { due: 'overdue' }] as Record<string, string>[]) {
      expect(isOpeningFilter(filterFromQuery(query))).toBe(false)
    }
  })
})
