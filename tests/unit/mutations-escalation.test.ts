import { describe, expect, it } from 'vitest'
import type { EscalationStatus } from '@shared/records'
import {
  adminActor, aRemark, aSuggestion, aTopic, aVillage, anEscalation, cadreActor, changed, collectorActor, fresh, ids,
  EVENING as NOW, nextId, refused, run, townshipActor,
} from './builders'

describe('escalation.create', () => {
  const village = aVillage()
  const topic = aTopic()
  const first = aSuggestion({ status: 'on_agenda', topicId: topic.id })
  const second = aSuggestion({ status: 'on_agenda', topicId: topic.id })
  const rows = { villages: [village], topics: [{ ...topic, suggestionIds: [first.id, second.id] }], suggestions: [first, second] }
  const args = (overrides: Record<string, unknown> = {}) => ({
    id: nextId(), villageId: village.id, topicId: topic.id, suggestionIds: [first.id, second.id],
    title: '村西桥面破损需维修', details: '桥面有两处塌陷，村里没有资金', ...overrides,
  })

  it('hands the topic to the village\'s township and escalates its suggestions', async () => {
    const given = args()
    expect(await run('escalation.create', given, cadreActor(), rows)).toEqual({
      ok: true,
      changes: [
        {
          table: 'escalations',
          row: {
            ...fresh(given.id), villageId: ids.village, townshipId: ids.township, topicId: topic.id,
            suggestionIds: [first.id, second.id], title: '村西桥面破损需维修', details: '桥面有两处塌陷，村里没有资金',
            status: 'submitted', department: null, assignee: null, coordinationOn: null, dueOn: null, resolution: null, feedback: null,
            submittedAt: NOW,
          },
        },
        { table: 'topics', row: changed(rows.topics[0]!, { outcome: 'escalated' }) },
        { table: 'suggestions', row: changed(first, { status: 'escalated' }) },
        { table: 'suggestions', row: changed(second, { status: 'escalated' }) },
      ],
    })
  })

  it('escalates a hotline matter straight from the inbox without a topic', async () => {
    const hotline = aSuggestion({ source: 'hotline' })
    const result = await run('escalation.create', args({ topicId: null, suggestionIds: [hotline.id] }), cadreActor(), { villages: [village], suggestions: [hotline] })
    expect(result.ok && result.changes.map((c) => c.table)).toEqual(['escalations', 'suggestions'])
  })

  it('refuses all when one suggestion was already decided', async () => {
    const decided = { ...second, status: 'decided' as const }
    expect(await run('escalation.create', args(), cadreActor(), { ...rows, suggestions: [first, decided] }))
      .toEqual(refused('illegal_transition', 'suggestionIds.1', 'decided'))
  })

  it('refuses a suggestion that is not on the topic', async () => {
    const elsewhere = aSuggestion({ status: 'on_agenda', topicId: nextId() })
    expect(await run('escalation.create', args({ suggestionIds: [first.id, elsewhere.id] }), cadreActor(), { ...rows, suggestions: [first, elsewhere] }))
      .toEqual(refused('invalid_args', 'suggestionIds.1', 'not_in_topic'))
  })

  it('refuses a deferred topic', async () => {
    const deferred = { ...rows.topics[0]!, outcome: 'deferred' as const }
    expect(await run('escalation.create', args(), cadreActor(), { ...rows, topics: [deferred] }))
      .toEqual(refused('illegal_transition', 'topicId', 'deferred'))
  })

  it.each([
    ['a collector', collectorActor()],
    ['township staff', townshipActor()],
  ])('forbids %s', async (_, actor) => {
    expect(await run('escalation.create', args(), actor, rows)).toEqual(refused('forbidden'))
  })

  it('keeps a cadre out of another village', async () => {
    expect(await run('escalation.create', args(), cadreActor({ villageId: ids.otherVillage }), rows)).toEqual(refused('out_of_scope', 'villageId'))
  })

  it.each([
    ['nothing to escalate', { topicId: null, suggestionIds: [] }, 'suggestionIds', 'nothing_to_escalate'],
    ['a one-character title', { title: '桥' }, 'title', 'title_too_short'],
  ])('rejects %s', async (_, overrides, field, detail) => {
    expect(await run('escalation.create', args(overrides), cadreActor(), rows)).toEqual(refused('invalid_args', field, detail))
  })

  it('answers not_found for an unknown village', async () => {
    expect(await run('escalation.create', args(), cadreActor(), { ...rows, villages: [] })).toEqual(refused('not_found', 'villageId'))
  })

  it('refuses an id that is taken', async () => {
    const existing = anEscalation()
    expect(await run('escalation.create', args({ id: existing.id }), cadreActor(), { ...rows, escalations: [existing] }))
      .toEqual(refused('conflict', 'id'))
  })
})

// One row per transition: the actor it belongs to, the other side (forbidden), the status it
// starts from, its arguments beyond the id, the fields it writes and a status it may not start from.
const township = townshipActor()
const cadre = cadreActor()
const remarkId = nextId()
const simple = [
  { name: 'escalation.accept', actor: township, wrong: cadre, from: 'submitted', args: { dueOn: '2026-10-07', department: '交通办' }, patch: { status: 'accepted', dueOn: '2026-10-07', department: '交通办', acceptedAt: NOW }, illegal: 'assigned' },
  { name: 'escalation.assign', actor: township, wrong: cadre, from: 'accepted', args: { department: '交通办', assignee: '刘科长', coordinationOn: '2026-10-03', dueOn: '2026-10-09' }, patch: { status: 'assigned', department: '交通办', assignee: '刘科长', coordinationOn: '2026-10-03', dueOn: '2026-10-09', assignedAt: NOW }, illegal: 'submitted' },
  { name: 'escalation.assign', actor: township, wrong: cadre, from: 'assigned', args: { department: '城建办', assignee: '陈主任', coordinationOn: null, dueOn: '2026-10-12' }, patch: { status: 'assigned', department: '城建办', assignee: '陈主任', coordinationOn: null, dueOn: '2026-10-12', assignedAt: NOW }, illegal: 'resolved' },
  { name: 'escalation.resubmit', actor: cadre, wrong: township, from: 'returned', args: { details: '补充了照片和预算' }, patch: { status: 'submitted', details: '补充了照片和预算', submittedAt: NOW }, illegal: 'submitted' },
  { name: 'escalation.close', actor: cadre, wrong: collectorActor(), from: 'resolved', args: {}, patch: { status: 'closed', closedAt: NOW }, illegal: 'assigned' },
  { name: 'escalation.close', actor: township, wrong: adminActor(), from: 'resolved', args: { note: '五个工作日村里未反馈', remarkId: nextId() }, patch: { status: 'closed', closedAt: NOW }, illegal: 'closed' },
  { name: 'escalation.report', actor: township, wrong: cadre, from: 'assigned', args: {}, patch: { status: 'assigned', reportedAt: NOW }, illegal: 'accepted' },
] as const

describe.each(simple)('$name from $from by $actor.role', ({ name, actor, wrong, from, args, patch, illegal }) => {
  it('applies the transition and writes its fields', async () => {
    const escalation = anEscalation({ status: from })
    const result = await run(name, { id: escalation.id, ...args }, actor, { escalations: [escalation] })
    expect(result.ok && result.changes[0]).toEqual({ table: 'escalations', row: changed(escalation, patch) })
  })

  it(`refuses an escalation that is ${illegal}`, async () => {
    const escalation = anEscalation({ status: illegal })
    expect(await run(name, { id: escalation.id, ...args }, actor, { escalations: [escalation] }))
      .toEqual(refused('illegal_transition', 'id', illegal))
  })

  it(`forbids ${wrong.role}`, async () => {
    const escalation = anEscalation({ status: from })
    expect(await run(name, { id: escalation.id, ...args }, wrong, { escalations: [escalation] })).toEqual(refused('forbidden'))
  })

  it('keeps the actor out of another township\'s or village\'s escalation', async () => {
    const escalation = anEscalation({ status: from, villageId: ids.otherVillage, townshipId: ids.otherTownship })
    expect(await run(name, { id: escalation.id, ...args }, actor, { escalations: [escalation] })).toEqual(refused('out_of_scope', 'id'))
  })
})

describe('dates the township sets', () => {
  it.each([
    ['escalation.accept', { dueOn: '2026-09-30' }, 'dueOn'],
    ['escalation.assign', { department: '交通办', assignee: '刘科长', coordinationOn: '2026-09-29', dueOn: '2026-10-09' }, 'coordinationOn'],
  ])('%s refuses a date before the escalation was made', async (name, args, field) => {
    const escalation = anEscalation({ status: name === 'escalation.accept' ? 'submitted' : 'accepted' })
    expect(await run(name, { id: escalation.id, ...args }, township, { escalations: [escalation] }))
      .toEqual(refused('invalid_args', field, 'date_before_escalation'))
  })

  it('escalation.assign rejects a missing assignee', async () => {
    expect(await run('escalation.assign', { id: nextId(), department: '交通办', assignee: '', coordinationOn: null, dueOn: '2026-10-09' }, township))
      .toEqual(refused('invalid_args', 'assignee', 'assignee_required'))
  })
})

describe.each([
  { name: 'escalation.return', from: 'accepted', args: { reason: '村里可以自行协调解决' }, status: 'returned', kind: 'note', text: '村里可以自行协调解决', illegal: 'assigned' },
  { name: 'escalation.forward', from: 'assigned', args: { note: '已报县交通局' }, status: 'forwarded', kind: 'progress', text: '已报县交通局', illegal: 'submitted' },
] as const)('$name', ({ name, from, args, status, kind, text, illegal }) => {
  const escalation = anEscalation({ status: from })

  it('changes the status and keeps the words as a remark on the escalation', async () => {
    expect(await run(name, { id: escalation.id, remarkId, ...args }, township, { escalations: [escalation] })).toEqual({
      ok: true,
      changes: [
        { table: 'escalations', row: changed(escalation, { status }) },
        {
          table: 'remarks',
          row: {
            ...fresh(remarkId), villageId: ids.village, subjectType: 'escalation', subjectId: escalation.id, kind, text,
            speaker: null, authorId: ids.townshipStaff,
          },
        },
      ],
    })
  })

  it(`refuses an escalation that is ${illegal}`, async () => {
    const wrong = anEscalation({ status: illegal })
    expect(await run(name, { id: wrong.id, remarkId, ...args }, township, { escalations: [wrong] }))
      .toEqual(refused('illegal_transition', 'id', illegal))
  })

  it('forbids the village cadre', async () => {
    expect(await run(name, { id: escalation.id, remarkId, ...args }, cadre, { escalations: [escalation] })).toEqual(refused('forbidden'))
  })

  it('keeps staff of another township out', async () => {
    expect(await run(name, { id: escalation.id, remarkId, ...args }, townshipActor({ townshipId: ids.otherTownship }), { escalations: [escalation] }))
      .toEqual(refused('out_of_scope', 'id'))
  })

  it('rejects a blank text', async () => {
    const blank = Object.fromEntries(Object.keys(args).map((key) => [key, ' ']))
    const [field] = Object.keys(args)
    expect(await run(name, { id: escalation.id, remarkId, ...blank }, township, { escalations: [escalation] }))
      .toEqual(refused('invalid_args', field, `${field}_required`))
  })

  it('refuses a remark id that is taken', async () => {
    const taken = aRemark({ id: remarkId })
    expect(await run(name, { id: escalation.id, remarkId, ...args }, township, { escalations: [escalation], remarks: [taken] }))
      .toEqual(refused('conflict', 'remarkId'))
  })
})

describe('escalation.resolve', () => {
  const waiting = aSuggestion({ status: 'escalated' })
  const movedOn = aSuggestion({ status: 'on_agenda', topicId: nextId() })
  const escalation = anEscalation({ status: 'assigned', suggestionIds: [waiting.id, movedOn.id] })
  const rows = { escalations: [escalation], suggestions: [waiting, movedOn] }
  const args = { id: escalation.id, suggestionIds: [waiting.id, movedOn.id], resolution: '桥面已修复，通车' }

  it('records the result and resolves the suggestions still escalated', async () => {
    expect(await run('escalation.resolve', args, township, rows)).toEqual({
      ok: true,
      changes: [
        { table: 'escalations', row: changed(escalation, { status: 'resolved', resolution: '桥面已修复，通车', resolvedAt: NOW }) },
        { table: 'suggestions', row: changed(waiting, { status: 'resolved' }) },
      ],
    })
  })

  it.each<EscalationStatus>(['submitted', 'returned', 'closed'])('refuses an escalation that is %s', async (status) => {
    expect(await run('escalation.resolve', args, township, { ...rows, escalations: [{ ...escalation, status }] }))
      .toEqual(refused('illegal_transition', 'id', status))
  })

  it('refuses an out-of-date copy of the escalation\'s list', async () => {
    expect(await run('escalation.resolve', { ...args, suggestionIds: [waiting.id] }, township, rows))
      .toEqual(refused('invalid_args', 'suggestionIds', 'list_changed'))
  })

  it('forbids the village cadre', async () => {
    expect(await run('escalation.resolve', args, cadre, rows)).toEqual(refused('forbidden'))
  })

  it('keeps staff of another township out', async () => {
    expect(await run('escalation.resolve', args, townshipActor({ townshipId: ids.otherTownship }), rows)).toEqual(refused('out_of_scope', 'id'))
  })

  it('rejects an empty resolution', async () => {
    expect(await run('escalation.resolve', { ...args, resolution: '' }, township, rows)).toEqual(refused('invalid_args', 'resolution', 'resolution_required'))
  })
})

describe('escalation.reject_result', () => {
  const resolved = aSuggestion({ status: 'resolved' })
  const closedOne = aSuggestion({ status: 'closed' })
  const escalation = anEscalation({ status: 'resolved', suggestionIds: [resolved.id, closedOne.id], resolution: '已修' })
  const rows = { escalations: [escalation], suggestions: [resolved, closedOne] }
  const args = { id: escalation.id, suggestionIds: [resolved.id, closedOne.id], feedback: '只补了一处，另一处还塌着' }

  it('sends the escalation back to work with the village\'s feedback and escalates its resolved suggestions again', async () => {
    expect(await run('escalation.reject_result', args, cadre, rows)).toEqual({
      ok: true,
      changes: [
        { table: 'escalations', row: changed(escalation, { status: 'assigned', feedback: '只补了一处，另一处还塌着', feedbackAt: NOW, reopenedAt: NOW }) },
        { table: 'suggestions', row: changed(resolved, { status: 'escalated' }) },
      ],
    })
  })

  it('refuses an escalation that is not resolved', async () => {
    expect(await run('escalation.reject_result', args, cadre, { ...rows, escalations: [{ ...escalation, status: 'assigned' }] }))
      .toEqual(refused('illegal_transition', 'id', 'assigned'))
  })

  it('forbids township staff', async () => {
    expect(await run('escalation.reject_result', args, township, rows)).toEqual(refused('forbidden'))
  })

  it('keeps a cadre out of another village', async () => {
    expect(await run('escalation.reject_result', args, cadreActor({ villageId: ids.otherVillage }), rows)).toEqual(refused('out_of_scope', 'id'))
  })

  it('rejects a blank feedback', async () => {
    expect(await run('escalation.reject_result', { ...args, feedback: ' ' }, cadre, rows)).toEqual(refused('invalid_args', 'feedback', 'feedback_required'))
  })
})

describe('escalation.feedback', () => {
  it.each(['resolved', 'closed'] as const)('records the village\'s feedback on a %s escalation without a status change', async (status) => {
    const escalation = anEscalation({ status })
    expect(await run('escalation.feedback', { id: escalation.id, feedback: '修得很好，村民满意' }, cadre, { escalations: [escalation] })).toEqual({
      ok: true, changes: [{ table: 'escalations', row: changed(escalation, { feedback: '修得很好，村民满意', feedbackAt: NOW }) }],
    })
  })

  it('refuses before there is a result', async () => {
    const escalation = anEscalation({ status: 'assigned' })
    expect(await run('escalation.feedback', { id: escalation.id, feedback: '修得很好' }, cadre, { escalations: [escalation] }))
      .toEqual(refused('illegal_transition', 'id', 'assigned'))
  })

  it('forbids township staff', async () => {
    const escalation = anEscalation({ status: 'resolved' })
    expect(await run('escalation.feedback', { id: escalation.id, feedback: '修得很好' }, township, { escalations: [escalation] })).toEqual(refused('forbidden'))
  })

  it('keeps a cadre out of another village', async () => {
    const escalation = anEscalation({ status: 'resolved', villageId: ids.otherVillage })
    expect(await run('escalation.feedback', { id: escalation.id, feedback: '修得很好' }, cadre, { escalations: [escalation] })).toEqual(refused('out_of_scope', 'id'))
  })

  it('rejects a feedback over 2000 characters', async () => {
    expect(await run('escalation.feedback', { id: nextId(), feedback: '好'.repeat(2001) }, cadre)).toEqual(refused('invalid_args', 'feedback', 'feedback_too_long'))
  })
})

describe('the desk\'s clocks and the loop with the village', () => {
  const at = (day: string) => `2026-10-${day}T02:00:00.000Z`

  it('escalation.assign starts 报到 again for another department, not for a new deadline alone', async () => {
    const escalation = anEscalation({
      status: 'assigned', department: '交通办', assignee: '刘科长', assignedAt: at('02'), reportedAt: at('03'),
    })
    const same = await run('escalation.assign', { id: escalation.id, department: '交通办', assignee: '刘科长', coordinationOn: null, dueOn: '2026-10-20' }, township, { escalations: [escalation] })
    expect(same.ok && same.changes[0]!.row).toMatchObject({ assignedAt: at('02'), reportedAt: at('03'), dueOn: '2026-10-20' })
    const other = await run('escalation.assign', { id: escalation.id, department: '城建办', assignee: '陈主任', coordinationOn: null, dueOn: '2026-10-20' }, township, { escalations: [escalation] })
    expect(other.ok && other.changes[0]!.row).toMatchObject({ assignedAt: NOW })
    expect(other.ok && 'reportedAt' in other.changes[0]!.row ? other.changes[0]!.row.reportedAt : undefined).toBeUndefined()
  })

  it('escalation.report is taken once per assignment', async () => {
    const reported = anEscalation({ status: 'assigned', assignedAt: at('02'), reportedAt: at('03') })
    expect(await run('escalation.report', { id: reported.id }, township, { escalations: [reported] }))
      .toEqual(refused('illegal_transition', 'id', 'reported'))
  })

  describe('escalation.close by the township', () => {
    const resolved = anEscalation({ status: 'resolved', resolution: '已修', resolvedAt: at('05') })

    it('needs a note while the village has not answered the result', async () => {
      expect(await run('escalation.close', { id: resolved.id }, township, { escalations: [resolved] }))
        .toEqual(refused('invalid_args', 'note', 'note_required'))
    })

    it('keeps the note as a remark when closing without an answer', async () => {
      const result = await run('escalation.close', { id: resolved.id, note: '五个工作日村里未反馈', remarkId }, township, { escalations: [resolved] })
      expect(result.ok && result.changes.map((c) => [c.table, 'text' in c.row ? c.row.text : 'status' in c.row ? c.row.status : null])).toEqual([
        ['escalations', 'closed'], ['remarks', '五个工作日村里未反馈'],
      ])
    })

    it.each([
      ['feedback', { feedback: '修好了', feedbackAt: at('06') }],
      ['a rating', { rating: { stars: 5, outcome: 'resolved' as const, ratedAt: at('06') } }],
    ])('closes without a note after the village\'s %s', async (_, answer) => {
      const answered = { ...resolved, ...answer }
      const result = await run('escalation.close', { id: answered.id }, township, { escalations: [answered] })
      expect(result.ok && result.changes).toEqual([{ table: 'escalations', row: changed(answered, { status: 'closed', closedAt: NOW }) }])
    })

    it('closes without a note after a villager rated one of its suggestions on the village page', async () => {
      const rated = aSuggestion({ status: 'closed', rating: { stars: 5, outcome: 'resolved', ratedAt: at('06'), by: 'villager' } })
      const escalation = { ...resolved, suggestionIds: [rated.id] }
      const result = await run('escalation.close', { id: escalation.id, suggestionIds: [rated.id] }, township, { escalations: [escalation], suggestions: [rated] })
      expect(result.ok && result.changes).toEqual([{ table: 'escalations', row: changed(escalation, { status: 'closed', closedAt: NOW }) }])
      const before = { ...rated, rating: { ...rated.rating!, ratedAt: at('04') } }
      expect(await run('escalation.close', { id: escalation.id, suggestionIds: [rated.id] }, township, { escalations: [escalation], suggestions: [before] }))
        .toEqual(refused('invalid_args', 'note', 'note_required'))
    })

    it('does not count feedback on an earlier result', async () => {
      const stale = { ...resolved, feedback: '只补了一处', feedbackAt: at('04') }
      expect(await run('escalation.close', { id: stale.id }, township, { escalations: [stale] }))
        .toEqual(refused('invalid_args', 'note', 'note_required'))
    })
  })

  describe('escalation.rate', () => {
    const resolvedOne = aSuggestion({ status: 'resolved' })
    const escalation = anEscalation({ status: 'resolved', suggestionIds: [resolvedOne.id], resolution: '已修', resolvedAt: at('05') })
    const rows = { escalations: [escalation], suggestions: [resolvedOne] }

    it('keeps a 解决了 rating on the resolved escalation', async () => {
      const result = await run('escalation.rate', { id: escalation.id, suggestionIds: [resolvedOne.id], stars: 5, outcome: 'resolved' }, cadre, rows)
      expect(result.ok && result.changes).toEqual([
        { table: 'escalations', row: changed(escalation, { rating: { stars: 5, outcome: 'resolved', ratedAt: NOW } }) },
      ])
    })

    it.each(['partly', 'unresolved'] as const)('reopens it on %s with the reason on top and escalates its suggestions again', async (outcome) => {
      const result = await run('escalation.rate', { id: escalation.id, suggestionIds: [resolvedOne.id], stars: 2, outcome, feedback: '另一处还塌着' }, cadre, rows)
      expect(result.ok && result.changes).toEqual([
        {
          table: 'escalations',
          row: changed(escalation, {
            status: 'assigned', rating: { stars: 2, outcome, ratedAt: NOW }, feedback: '另一处还塌着', feedbackAt: NOW, reopenedAt: NOW,
          }),
        },
        { table: 'suggestions', row: changed(resolvedOne, { status: 'escalated' }) },
      ])
    })

    it('asks for the reason when it is not resolved', async () => {
      expect(await run('escalation.rate', { id: escalation.id, suggestionIds: [resolvedOne.id], stars: 2, outcome: 'partly' }, cadre, rows))
        .toEqual(refused('invalid_args', 'feedback', 'feedback_required'))
    })

    it('forbids township staff and refuses before there is a result', async () => {
      const args = { id: escalation.id, suggestionIds: [resolvedOne.id], stars: 2, outcome: 'partly', feedback: '还没修好' }
      expect(await run('escalation.rate', args, township, rows)).toEqual(refused('forbidden'))
      expect(await run('escalation.rate', args, cadre, { ...rows, escalations: [{ ...escalation, status: 'assigned' }] }))
        .toEqual(refused('illegal_transition', 'id', 'assigned'))
    })
  })
})
