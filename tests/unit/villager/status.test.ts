import { describe, expect, it } from 'vitest'
import { indexLedger } from '@shared/ledger'
import type { LedgerRows } from '@shared/ledger'
import type { Suggestion } from '@shared/records'
import { villagerSteps, villagerView } from '@shared/villager/status'
import { aDecision, aMeeting, anEscalation, aRemark, aSuggestion, aTopic, testId } from '../builders'

// One village: a closed September meeting (M1) and a draft October one (M2). Each suggestion below
// takes one path through the ledger; the villager's steps are checked for each.
const received = '2026-09-10T02:00:00.000Z'
const m1 = aMeeting({ id: testId(0x901), status: 'closed', title: '九月夜话', startsAt: '2026-09-25T11:30:00.000Z' })
const m2 = aMeeting({ id: testId(0x902), status: 'draft', title: '十月夜话', startsAt: '2026-10-09T11:30:00.000Z' })
const s = (n: number, overrides: Partial<Suggestion>) =>
  aSuggestion({ id: testId(0x800 + n), createdAt: received, updatedAt: received, submitterName: '李大爷', submitterPhone: '13800000000', ...overrides })

const topics = {
  lamp: aTopic({ id: testId(0x911), meetingId: m1.id, title: '路灯', outcome: 'decided' }),
  bridge: aTopic({ id: testId(0x912), meetingId: m1.id, title: '桥', outcome: 'escalated' }),
  rubbish: aTopic({ id: testId(0x913), meetingId: m1.id, title: '垃圾', outcome: 'deferred' }),
  water: aTopic({ id: testId(0x914), meetingId: m2.id, title: '自来水', outcome: 'pending' }),
}
const lampDecision = aDecision({
  id: testId(0x921), meetingId: m1.id, topicId: topics.lamp.id, text: '更换三盏路灯', owner: '刘主任', dueOn: '2026-09-30',
  status: 'done', createdAt: '2026-09-25T12:10:00.000Z', updatedAt: '2026-09-29T08:00:00.000Z',
})
const evidence = aRemark({ subjectType: 'decision', subjectId: lampDecision.id, kind: 'progress', text: '三盏灯都换好了', createdAt: '2026-09-29T08:00:00.000Z', speaker: '电工老王' })

const paths = {
  fresh: s(1, {}),
  scheduled: s(2, { status: 'on_agenda', topicId: topics.water.id }),
  lamp: s(3, { status: 'resolved', topicId: topics.lamp.id }),
  bridge: s(4, { status: 'escalated', topicId: topics.bridge.id }),
  deferred: s(5, { status: 'new', topicId: null }),
  answered: s(6, { status: 'answered', answer: '每周三上午有医生坐诊', updatedAt: '2026-09-12T02:00:00.000Z' }),
  declined: s(7, { status: 'declined', declineReason: '河道禁止养殖', updatedAt: '2026-09-13T02:00:00.000Z' }),
  merged: s(8, { status: 'merged', mergedInto: testId(0x803), updatedAt: '2026-09-14T02:00:00.000Z' }),
  reopened: s(9, {
    status: 'on_agenda', topicId: topics.lamp.id,
    rating: { stars: 3, outcome: 'partly', ratedAt: '2026-10-01T02:00:00.000Z', by: 'villager', note: '还有一盏不亮' },
  }),
  closed: s(10, { status: 'closed', answer: '已修好', updatedAt: '2026-09-20T02:00:00.000Z', rating: { stars: 5, outcome: 'resolved', ratedAt: '2026-09-20T02:00:00.000Z' } }),
  returned: s(11, { status: 'escalated' }),
}
topics.lamp.suggestionIds = [paths.lamp.id, paths.reopened.id]
topics.bridge.suggestionIds = [paths.bridge.id]
topics.rubbish.suggestionIds = [paths.deferred.id]
topics.water.suggestionIds = [paths.scheduled.id]
const bridgeEscalation = anEscalation({
  topicId: topics.bridge.id, suggestionIds: [paths.bridge.id], status: 'resolved', dueOn: '2026-10-10',
  resolution: '镇交通站已补好桥面', createdAt: '2026-09-25T12:30:00.000Z', updatedAt: '2026-10-08T02:00:00.000Z', assignee: '李站长',
})
const returnedEscalation = anEscalation({ suggestionIds: [paths.returned.id], status: 'returned', createdAt: '2026-09-26T02:00:00.000Z' })

const rows: LedgerRows = {
  suggestions: Object.values(paths),
  meetings: [m1, m2],
  topics: Object.values(topics),
  decisions: [lampDecision],
  escalations: [bridgeEscalation, returnedEscalation],
  remarks: [evidence],
}
const index = indexLedger(rows)
const steps = (one: Suggestion) => villagerSteps(one, index)

describe('villagerSteps: the status words of every ledger path', () => {
  it('says 已收到 for a new item', () => {
    expect(steps(paths.fresh)).toEqual([{ kind: 'received', at: received }])
  })

  it('puts it on a draft meeting without a date (the time may still change)', () => {
    expect(steps(paths.scheduled)).toEqual([
      { kind: 'received', at: received },
      { kind: 'on_agenda', at: m2.startsAt, meeting: { title: '十月夜话', startsAt: null } },
    ])
  })

  it('dates the agenda by its meeting, then the decision with 专人 and 时限, then the result', () => {
    expect(steps(paths.lamp)).toEqual([
      { kind: 'received', at: received },
      { kind: 'on_agenda', at: m1.startsAt, meeting: { title: '九月夜话', startsAt: m1.startsAt } },
      { kind: 'decided', at: lampDecision.createdAt, text: '更换三盏路灯', owner: '刘主任', dueOn: '2026-09-30', state: 'done' },
      { kind: 'resolved', at: evidence.createdAt, text: '三盏灯都换好了' },
    ])
  })

  it('says it went to the township, and the result the township gave', () => {
    expect(steps(paths.bridge).slice(2)).toEqual([
      { kind: 'escalated', at: bridgeEscalation.createdAt, dueOn: '2026-10-10', state: 'resolved' },
      { kind: 'resolved', at: bridgeEscalation.updatedAt, text: '镇交通站已补好桥面' },
    ])
  })

  it('says when the township sent it back to the village', () => {
    expect(steps(paths.returned).at(-1)).toEqual({ kind: 'escalated', at: returnedEscalation.createdAt, dueOn: null, state: 'returned' })
  })

  it('says a topic was put off to a later meeting', () => {
    expect(steps(paths.deferred).slice(1).map((step) => step.kind)).toEqual(['on_agenda', 'deferred'])
  })

  it.each([
    ['answered', paths.answered, { kind: 'answered', at: '2026-09-12T02:00:00.000Z', text: '每周三上午有医生坐诊' }],
    ['declined', paths.declined, { kind: 'declined', at: '2026-09-13T02:00:00.000Z', text: '河道禁止养殖' }],
  ])('gives the words of an item %s, with its date', (_status, one, step) => {
    expect(steps(one)).toEqual([{ kind: 'received', at: received }, step])
  })

  it('follows a merged item through what the village did about the one it joined', () => {
    expect(steps(paths.merged).map((step) => step.kind)).toEqual(['received', 'merged', 'on_agenda', 'decided', 'resolved'])
  })

  it("shows the villager's own rating and that it was reopened onto the next report-back", () => {
    expect(steps(paths.reopened).slice(-2)).toEqual([
      { kind: 'rated', at: '2026-10-01T02:00:00.000Z', rating: { stars: 3, outcome: 'partly', by: 'villager' } },
      { kind: 'reopened', at: '2026-10-01T02:00:00.000Z' },
    ])
  })

  it("shows a cadre's callback as given by a member, and the item crossed off", () => {
    expect(steps(paths.closed).slice(-2)).toEqual([
      { kind: 'rated', at: '2026-09-20T02:00:00.000Z', rating: { stars: 5, outcome: 'resolved', by: 'member' } },
      { kind: 'closed', at: '2026-09-20T02:00:00.000Z' },
    ])
  })
})

describe('currentStep: where an item stands now', () => {
  it.each([
    ['new', paths.fresh, 'received'],
    ['new again after a meeting put it off', paths.deferred, 'deferred'],
    ['on a meeting still to come', paths.scheduled, 'on_agenda'],
    ['resolved', paths.lamp, 'resolved'],
    ['escalated', paths.returned, 'escalated'],
    ['answered', paths.answered, 'answered'],
    ['declined', paths.declined, 'declined'],
    ['merged', paths.merged, 'merged'],
    ['reopened by its rating', paths.reopened, 'reopened'],
    ['crossed off', paths.closed, 'closed'],
  ])('%s: %s', (_what, one, kind) => {
    expect(villagerView(one, index).current.kind).toBe(kind)
  })

  it('is the result even when the meeting that decided it is dated later (run before its announced time)', () => {
    const early = aMeeting({ status: 'closed', startsAt: '2026-10-20T11:30:00.000Z' })
    const topic = aTopic({ meetingId: early.id, outcome: 'decided' })
    const one = aSuggestion({ status: 'resolved', topicId: topic.id, createdAt: received, updatedAt: received })
    topic.suggestionIds = [one.id]
    const done = aDecision({ topicId: topic.id, meetingId: early.id, status: 'done', createdAt: '2026-10-10T12:00:00.000Z', updatedAt: '2026-10-11T02:00:00.000Z' })
    const view = villagerView(one, indexLedger({ suggestions: [one], meetings: [early], topics: [topic], decisions: [done] }))
    expect(view.steps.at(-1)?.kind).toBe('on_agenda')
    expect(view.current).toMatchObject({ kind: 'resolved', text: done.text })
  })
})

describe('villagerView', () => {
  it('asks for a rating only of answered and resolved items', () => {
    expect(Object.entries(paths).filter(([, one]) => villagerView(one, index).canRate).map(([name]) => name).sort())
      .toEqual(['answered', 'lamp'])
  })

  it('carries no name, phone, member, speaker, assignee or note: a JSON walk over every view', () => {
    const json = JSON.stringify(Object.values(paths).map((one) => villagerView(one, index)))
    for (const secret of ['李大爷', '13800000000', '电工老王', '李站长', '还有一盏不亮', paths.fresh.receiptCode]) {
      expect(json).not.toContain(secret)
    }
    expect(Object.keys(villagerView(paths.fresh, index)).sort()).toEqual(
      ['attachments', 'canRate', 'category', 'content', 'createdAt', 'current', 'id', 'status', 'steps'],
    )
  })
})
