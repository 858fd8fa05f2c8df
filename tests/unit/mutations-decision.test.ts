import { describe, expect, it } from 'vitest'
import {
  aDecision, aMeeting, aRemark, aSuggestion, aTopic, cadreActor, changed, collectorActor, fresh, ids, nextId,
  refused, run, townshipActor,
} from './builders'

describe('decision.create', () => {
  const meeting = aMeeting({ status: 'in_progress' })
  const topic = aTopic({ meetingId: meeting.id })
  const waiting = aSuggestion({ status: 'on_agenda', topicId: topic.id })
  const answered = aSuggestion({ status: 'answered', topicId: topic.id, answer: '已答复' })
  const listed = { ...topic, suggestionIds: [waiting.id, answered.id] }
  const rows = { meetings: [meeting], topics: [listed], suggestions: [waiting, answered] }
  const args = (overrides: Record<string, unknown> = {}) => ({
    id: nextId(), meetingId: meeting.id, topicId: topic.id, suggestionIds: [waiting.id, answered.id],
    text: '本周内修好村东路灯', owner: '张主任', dueOn: '2026-10-13', kind: 'action', ...overrides,
  })

  it('decides the topic: an open decision, the topic decided, its waiting suggestions decided', async () => {
    const given = args()
    expect(await run('decision.create', given, cadreActor(), rows)).toEqual({
      ok: true,
      changes: [
        {
          table: 'decisions',
          row: {
            ...fresh(given.id), villageId: ids.village, meetingId: meeting.id, topicId: topic.id, text: '本周内修好村东路灯',
            owner: '张主任', dueOn: '2026-10-13', kind: 'action', status: 'open',
          },
        },
        { table: 'topics', row: changed(listed, { outcome: 'decided' }) },
        { table: 'suggestions', row: changed(waiting, { status: 'decided' }) },
      ],
    })
  })

  it('adds a second decision (a village rule) to a decided topic without touching it again', async () => {
    const decided = { ...listed, outcome: 'decided' as const }
    const decidedOne = { ...waiting, status: 'decided' as const }
    const result = await run('decision.create', args({ kind: 'rule' }), cadreActor(), { ...rows, topics: [decided], suggestions: [decidedOne, answered] })
    expect(result.ok && result.changes.map((c) => [c.table, 'status' in c.row ? c.row.status : null])).toEqual([['decisions', 'open']])
  })

  it('accepts a deadline on the meeting\'s own day, even when it syncs days later', async () => {
    const result = await run('decision.create', args({ dueOn: '2026-10-09' }), cadreActor(), rows, '2026-10-20T01:00:00.000Z')
    expect(result.ok).toBe(true)
  })

  it('rejects a deadline before the meeting', async () => {
    expect(await run('decision.create', args({ dueOn: '2026-10-08' }), cadreActor(), rows))
      .toEqual(refused('invalid_args', 'dueOn', 'due_before_meeting'))
  })

  it('refuses when the device\'s copy of the topic\'s suggestions is out of date', async () => {
    expect(await run('decision.create', args({ suggestionIds: [waiting.id] }), cadreActor(), rows))
      .toEqual(refused('invalid_args', 'suggestionIds', 'list_changed'))
  })

  it.each(['announced', 'closed'] as const)('refuses when the meeting is %s', async (status) => {
    expect(await run('decision.create', args(), cadreActor(), { ...rows, meetings: [{ ...meeting, status }] }))
      .toEqual(refused('illegal_transition', 'meetingId', status))
  })

  it('refuses a deferred topic', async () => {
    expect(await run('decision.create', args(), cadreActor(), { ...rows, topics: [{ ...listed, outcome: 'deferred' as const }] }))
      .toEqual(refused('illegal_transition', 'topicId', 'deferred'))
  })

  it.each([
    ['a collector', collectorActor()],
    ['township staff', townshipActor()],
  ])('forbids %s', async (_, actor) => {
    expect(await run('decision.create', args(), actor, rows)).toEqual(refused('forbidden'))
  })

  it('keeps a cadre out of another village', async () => {
    expect(await run('decision.create', args(), cadreActor({ villageId: ids.otherVillage }), rows)).toEqual(refused('out_of_scope', 'topicId'))
  })

  it.each([
    ['no owner', { owner: ' ' }, 'owner', 'owner_required'],
    ['a one-character text', { text: '修' }, 'text', 'text_too_short'],
    ['a date that does not exist', { dueOn: '2026-02-30' }, 'dueOn', 'date_invalid'],
    ['an unknown kind', { kind: 'law' }, 'kind', expect.any(String)],
  ])('rejects %s', async (_, overrides, field, detail) => {
    expect(await run('decision.create', args(overrides), cadreActor(), rows)).toEqual(refused('invalid_args', field, detail))
  })

  it('refuses an id that is taken', async () => {
    const existing = aDecision()
    expect(await run('decision.create', args({ id: existing.id }), cadreActor(), { ...rows, decisions: [existing] }))
      .toEqual(refused('conflict', 'id'))
  })
})

describe('decision.complete', () => {
  const topic = aTopic()
  const decided = aSuggestion({ status: 'decided', topicId: topic.id })
  const closedOne = aSuggestion({ status: 'closed', topicId: topic.id })
  const listed = { ...topic, suggestionIds: [decided.id, closedOne.id] }
  const decision = aDecision({ topicId: topic.id, meetingId: topic.meetingId })
  const rows = { decisions: [decision], topics: [listed], suggestions: [decided, closedOne] }
  const args = (overrides: Record<string, unknown> = {}) => ({
    id: decision.id, topicId: topic.id, suggestionIds: [decided.id, closedOne.id], note: '路灯已换新，晚上亮了',
    remarkId: nextId(), ...overrides,
  })

  it('crosses the decision off with the note as evidence and resolves its decided suggestions', async () => {
    const given = args()
    expect(await run('decision.complete', given, cadreActor(), rows)).toEqual({
      ok: true,
      changes: [
        { table: 'decisions', row: changed(decision, { status: 'done' }) },
        {
          table: 'remarks',
          row: {
            ...fresh(given.remarkId), villageId: ids.village, subjectType: 'decision', subjectId: decision.id,
            kind: 'progress', text: '路灯已换新，晚上亮了', speaker: null, authorId: ids.cadre,
          },
        },
        { table: 'suggestions', row: changed(decided, { status: 'resolved' }) },
      ],
    })
  })

  it('stores the evidence photos as attachments of the decision', async () => {
    const photo = { id: nextId(), sha256: 'd'.repeat(64), kind: 'photo', mime: 'image/jpeg', size: 40_000 }
    const result = await run('decision.complete', args({ attachments: [photo] }), cadreActor(), rows)
    expect(result.ok && result.changes.find((c) => c.table === 'attachments')).toEqual({
      table: 'attachments',
      row: { ...fresh(photo.id), sha256: photo.sha256, kind: 'photo', mime: 'image/jpeg', size: 40_000, villageId: ids.village, subjectType: 'decision', subjectId: decision.id },
    })
  })

  it('completes a decision without a topic', async () => {
    const loose = aDecision({ topicId: null })
    const result = await run('decision.complete', args({ id: loose.id, topicId: null, suggestionIds: [] }), cadreActor(), { decisions: [loose] })
    expect(result.ok && result.changes.map((c) => c.table)).toEqual(['decisions', 'remarks'])
  })

  it.each(['done', 'cancelled'] as const)('refuses a decision that is %s', async (status) => {
    expect(await run('decision.complete', args(), cadreActor(), { ...rows, decisions: [{ ...decision, status }] }))
      .toEqual(refused('illegal_transition', 'id', status))
  })

  it('refuses a topic that is not the decision\'s', async () => {
    expect(await run('decision.complete', args({ topicId: nextId() }), cadreActor(), rows))
      .toEqual(refused('invalid_args', 'topicId', 'other_topic'))
  })

  it('refuses an out-of-date copy of the topic\'s list', async () => {
    expect(await run('decision.complete', args({ suggestionIds: [decided.id] }), cadreActor(), rows))
      .toEqual(refused('invalid_args', 'suggestionIds', 'list_changed'))
  })

  it('forbids township staff', async () => {
    expect(await run('decision.complete', args(), townshipActor(), rows)).toEqual(refused('forbidden'))
  })

  it('keeps a cadre out of another village', async () => {
    expect(await run('decision.complete', args(), cadreActor({ villageId: ids.otherVillage }), rows)).toEqual(refused('out_of_scope', 'id'))
  })

  it('rejects completing without a note', async () => {
    expect(await run('decision.complete', args({ note: '' }), cadreActor(), rows)).toEqual(refused('invalid_args', 'note', 'note_required'))
  })

  it('refuses a remark id that is taken', async () => {
    const taken = aRemark()
    expect(await run('decision.complete', args({ remarkId: taken.id }), cadreActor(), { ...rows, remarks: [taken] }))
      .toEqual(refused('conflict', 'remarkId'))
  })
})

describe('decision.cancel', () => {
  const decision = aDecision()
  const args = (overrides: Record<string, unknown> = {}) => ({ id: decision.id, reason: '村民另有更好办法', remarkId: nextId(), ...overrides })

  it('cancels the decision and keeps the reason as a note on it', async () => {
    const given = args()
    expect(await run('decision.cancel', given, cadreActor(), { decisions: [decision] })).toEqual({
      ok: true,
      changes: [
        { table: 'decisions', row: changed(decision, { status: 'cancelled' }) },
        {
          table: 'remarks',
          row: {
            ...fresh(given.remarkId), villageId: ids.village, subjectType: 'decision', subjectId: decision.id,
            kind: 'note', text: '村民另有更好办法', speaker: null, authorId: ids.cadre,
          },
        },
      ],
    })
  })

  it('refuses a done decision', async () => {
    expect(await run('decision.cancel', args(), cadreActor(), { decisions: [{ ...decision, status: 'done' }] }))
      .toEqual(refused('illegal_transition', 'id', 'done'))
  })

  it('forbids a collector', async () => {
    expect(await run('decision.cancel', args(), collectorActor(), { decisions: [decision] })).toEqual(refused('forbidden'))
  })

  it('keeps a cadre out of another village', async () => {
    expect(await run('decision.cancel', args(), cadreActor({ villageId: ids.otherVillage }), { decisions: [decision] }))
      .toEqual(refused('out_of_scope', 'id'))
  })

  it('rejects a missing reason', async () => {
    expect(await run('decision.cancel', args({ reason: undefined }), cadreActor(), { decisions: [decision] }))
      .toEqual(refused('invalid_args', 'reason', expect.any(String)))
  })
})

describe('decision.reopen', () => {
  const topic = aTopic()
  const resolved = aSuggestion({ status: 'resolved', topicId: topic.id })
  const reopened = aSuggestion({ status: 'on_agenda', topicId: topic.id, rating: { stars: 2, outcome: 'partly', ratedAt: '2026-10-20T02:00:00.000Z' } })
  const closedOne = aSuggestion({ status: 'closed', topicId: topic.id })
  const listed = { ...topic, suggestionIds: [resolved.id, reopened.id, closedOne.id] }
  const decision = aDecision({ topicId: topic.id, status: 'done' })
  const rows = { decisions: [decision], topics: [listed], suggestions: [resolved, reopened, closedOne] }
  const args = (overrides: Record<string, unknown> = {}) => ({
    id: decision.id, topicId: topic.id, suggestionIds: listed.suggestionIds, reason: '回访说路灯又不亮了', remarkId: nextId(), ...overrides,
  })

  it('opens the decision again and takes its resolved and reopened suggestions back to decided', async () => {
    const given = args()
    expect(await run('decision.reopen', given, cadreActor(), rows)).toEqual({
      ok: true,
      changes: [
        { table: 'decisions', row: changed(decision, { status: 'open' }) },
        {
          table: 'remarks',
          row: {
            ...fresh(given.remarkId), villageId: ids.village, subjectType: 'decision', subjectId: decision.id,
            kind: 'note', text: '回访说路灯又不亮了', speaker: null, authorId: ids.cadre,
          },
        },
        { table: 'suggestions', row: changed(resolved, { status: 'decided' }) },
        { table: 'suggestions', row: changed(reopened, { status: 'decided' }) },
      ],
    })
  })

  it('refuses an open decision', async () => {
    expect(await run('decision.reopen', args(), cadreActor(), { ...rows, decisions: [{ ...decision, status: 'open' }] }))
      .toEqual(refused('illegal_transition', 'id', 'open'))
  })

  it('forbids township staff', async () => {
    expect(await run('decision.reopen', args(), townshipActor(), rows)).toEqual(refused('forbidden'))
  })

  it('keeps a cadre out of another village', async () => {
    expect(await run('decision.reopen', args(), cadreActor({ villageId: ids.otherVillage }), rows)).toEqual(refused('out_of_scope', 'id'))
  })

  it('rejects a one-character reason', async () => {
    expect(await run('decision.reopen', args({ reason: '坏' }), cadreActor(), rows)).toEqual(refused('invalid_args', 'reason', 'reason_too_short'))
  })
})
