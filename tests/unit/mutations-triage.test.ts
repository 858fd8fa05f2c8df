import { describe, expect, it } from 'vitest'
import {
  aMeeting, aSuggestion, aTopic, cadreActor, changed, collectorActor, fresh, ids, nextId, refused, run,
  townshipActor, villagerActor,
} from './builders'

describe('suggestion.schedule', () => {
  const meeting = aMeeting({ status: 'announced' })
  const topic = aTopic({ meetingId: meeting.id, suggestionIds: [] })
  const first = aSuggestion()
  const second = aSuggestion({ content: '村西头也要装路灯' })
  const rows = { meetings: [meeting], topics: [topic], suggestions: [first, second] }

  it('puts suggestions on the agenda as a new topic', async () => {
    const topicId = nextId()
    const args = { suggestionIds: [first.id, second.id], meetingId: meeting.id, topicId, newTopic: { title: ' 路灯 ', order: 2 } }
    expect(await run('suggestion.schedule', args, cadreActor(), rows)).toEqual({
      ok: true,
      changes: [
        {
          table: 'topics',
          row: {
            ...fresh(topicId), villageId: ids.village, meetingId: meeting.id, title: '路灯', order: 2,
            suggestionIds: [first.id, second.id], outcome: 'pending',
          },
        },
        { table: 'suggestions', row: changed(first, { status: 'on_agenda', topicId }) },
        { table: 'suggestions', row: changed(second, { status: 'on_agenda', topicId }) },
      ],
    })
  })

  it('adds suggestions to an existing pending topic, keeping its list', async () => {
    const listed = aTopic({ meetingId: meeting.id, suggestionIds: [second.id] })
    const args = { suggestionIds: [first.id], meetingId: meeting.id, topicId: listed.id }
    expect(await run('suggestion.schedule', args, cadreActor(), { ...rows, topics: [listed] })).toEqual({
      ok: true,
      changes: [
        { table: 'topics', row: changed(listed, { suggestionIds: [second.id, first.id] }) },
        { table: 'suggestions', row: changed(first, { status: 'on_agenda', topicId: listed.id }) },
      ],
    })
  })

  it('schedules a suggestion whose decision was cancelled into a topic of the next meeting', async () => {
    const decided = aSuggestion({ status: 'decided', topicId: nextId() })
    const args = { suggestionIds: [decided.id], meetingId: meeting.id, topicId: topic.id }
    const result = await run('suggestion.schedule', args, cadreActor(), { ...rows, suggestions: [decided] })
    expect(result.ok && result.changes[1]).toEqual({
      table: 'suggestions', row: changed(decided, { status: 'on_agenda', topicId: topic.id }),
    })
  })

  it('moves a suggestion reopened on an earlier topic over without a status change', async () => {
    const reopened = aSuggestion({ status: 'on_agenda', topicId: nextId() })
    const args = { suggestionIds: [reopened.id], meetingId: meeting.id, topicId: topic.id }
    const result = await run('suggestion.schedule', args, cadreActor(), { ...rows, suggestions: [reopened] })
    expect(result.ok && result.changes[1]).toEqual({
      table: 'suggestions', row: changed(reopened, { topicId: topic.id }),
    })
  })

  it('adds to the agenda of a meeting in progress (a question raised that evening)', async () => {
    const tonight = aMeeting({ status: 'in_progress' })
    const args = { suggestionIds: [first.id], meetingId: tonight.id, topicId: nextId(), newTopic: { title: '新问题', order: 5 } }
    const result = await run('suggestion.schedule', args, cadreActor(), { ...rows, meetings: [tonight] })
    expect(result.ok).toBe(true)
  })

  it('refuses the whole mutation when one suggestion cannot be scheduled', async () => {
    const answered = aSuggestion({ status: 'answered' })
    const args = { suggestionIds: [first.id, answered.id], meetingId: meeting.id, topicId: topic.id }
    expect(await run('suggestion.schedule', args, cadreActor(), { ...rows, suggestions: [first, answered] }))
      .toEqual(refused('illegal_transition', 'suggestionIds.1', 'answered'))
  })

  it('refuses a suggestion already on that very topic', async () => {
    const already = aSuggestion({ status: 'on_agenda', topicId: topic.id })
    const args = { suggestionIds: [already.id], meetingId: meeting.id, topicId: topic.id }
    expect(await run('suggestion.schedule', args, cadreActor(), { ...rows, suggestions: [already] }))
      .toEqual(refused('illegal_transition', 'suggestionIds.0', 'on_agenda'))
  })

  it.each(['closed', 'cancelled'] as const)('refuses the agenda of a %s meeting', async (status) => {
    const over = aMeeting({ status })
    const args = { suggestionIds: [first.id], meetingId: over.id, topicId: topic.id }
    expect(await run('suggestion.schedule', args, cadreActor(), { ...rows, meetings: [over] }))
      .toEqual(refused('illegal_transition', 'meetingId', status))
  })

  it('refuses a topic that already has an outcome', async () => {
    const decided = aTopic({ meetingId: meeting.id, outcome: 'decided' })
    const args = { suggestionIds: [first.id], meetingId: meeting.id, topicId: decided.id }
    expect(await run('suggestion.schedule', args, cadreActor(), { ...rows, topics: [decided] }))
      .toEqual(refused('illegal_transition', 'topicId', 'decided'))
  })

  it('refuses a topic of another meeting', async () => {
    const elsewhere = aTopic({ meetingId: nextId() })
    const args = { suggestionIds: [first.id], meetingId: meeting.id, topicId: elsewhere.id }
    expect(await run('suggestion.schedule', args, cadreActor(), { ...rows, topics: [elsewhere] }))
      .toEqual(refused('invalid_args', 'topicId', 'other_meeting'))
  })

  it.each([
    ['a collector', collectorActor()],
    ['township staff', townshipActor()],
    ['a villager', villagerActor()],
  ])('forbids %s', async (_, actor) => {
    const args = { suggestionIds: [first.id], meetingId: meeting.id, topicId: topic.id }
    expect(await run('suggestion.schedule', args, actor, rows)).toEqual(refused('forbidden'))
  })

  it('keeps a cadre out of another village\'s meeting', async () => {
    const args = { suggestionIds: [first.id], meetingId: meeting.id, topicId: topic.id }
    expect(await run('suggestion.schedule', args, cadreActor({ villageId: ids.otherVillage }), rows))
      .toEqual(refused('out_of_scope', 'meetingId'))
  })

  it('refuses a suggestion of another village', async () => {
    const foreign = aSuggestion({ villageId: ids.otherVillage })
    const args = { suggestionIds: [first.id, foreign.id], meetingId: meeting.id, topicId: topic.id }
    expect(await run('suggestion.schedule', args, cadreActor(), { ...rows, suggestions: [first, foreign] }))
      .toEqual(refused('out_of_scope', 'suggestionIds.1'))
  })

  it.each([
    ['no suggestions', { suggestionIds: [] }, 'suggestionIds', 'ids_required'],
    ['the same suggestion twice', { suggestionIds: [first.id, first.id] }, 'suggestionIds', 'duplicate_ids'],
    ['a blank new topic title', { newTopic: { title: '  ', order: 0 } }, 'newTopic.title', 'title_required'],
    ['a negative topic order', { newTopic: { title: '路灯', order: -1 } }, 'newTopic.order', 'order_invalid'],
  ])('rejects %s as invalid_args', async (_, overrides, field, detail) => {
    const args = { suggestionIds: [first.id], meetingId: meeting.id, topicId: topic.id, ...overrides }
    expect(await run('suggestion.schedule', args, cadreActor(), rows)).toEqual(refused('invalid_args', field, detail))
  })

  it.each([
    ['meeting', { meetingId: nextId() }, 'meetingId'],
    ['topic', { topicId: nextId() }, 'topicId'],
    ['suggestion', { suggestionIds: [first.id, nextId()] }, 'suggestionIds.1'],
  ])('answers not_found for a missing %s', async (_, overrides, field) => {
    const args = { suggestionIds: [first.id], meetingId: meeting.id, topicId: topic.id, ...overrides }
    expect(await run('suggestion.schedule', args, cadreActor(), rows)).toEqual(refused('not_found', field))
  })

  it('refuses to create a topic whose id is taken', async () => {
    const args = { suggestionIds: [first.id], meetingId: meeting.id, topicId: topic.id, newTopic: { title: '路灯', order: 0 } }
    expect(await run('suggestion.schedule', args, cadreActor(), rows)).toEqual(refused('conflict', 'topicId'))
  })
})

describe('suggestion.unschedule', () => {
  const topic = aTopic({ suggestionIds: [] })
  const first = aSuggestion({ status: 'on_agenda', topicId: topic.id })
  const second = aSuggestion({ status: 'on_agenda', topicId: topic.id })
  const listed = { ...topic, suggestionIds: [first.id, second.id] }
  const rows = { topics: [listed], suggestions: [first, second] }

  it('takes a suggestion off a pending topic and back to the inbox', async () => {
    expect(await run('suggestion.unschedule', { suggestionIds: [first.id], topicId: topic.id }, cadreActor(), rows)).toEqual({
      ok: true,
      changes: [
        { table: 'topics', row: changed(listed, { suggestionIds: [second.id] }) },
        { table: 'suggestions', row: changed(first, { status: 'new', topicId: null }) },
      ],
    })
  })

  it('leaves the list of a topic that has an outcome as history', async () => {
    const decided = { ...listed, outcome: 'decided' as const }
    const result = await run('suggestion.unschedule', { suggestionIds: [first.id], topicId: topic.id }, cadreActor(), { ...rows, topics: [decided] })
    expect(result).toEqual({ ok: true, changes: [{ table: 'suggestions', row: changed(first, { status: 'new', topicId: null }) }] })
  })

  it('unschedules a reopened suggestion that has no topic', async () => {
    const reopened = aSuggestion({ status: 'on_agenda', topicId: null })
    const result = await run('suggestion.unschedule', { suggestionIds: [reopened.id], topicId: null }, cadreActor(), { suggestions: [reopened] })
    expect(result).toEqual({ ok: true, changes: [{ table: 'suggestions', row: changed(reopened, { status: 'new', topicId: null }) }] })
  })

  it('refuses all when one of them is not on that topic', async () => {
    const other = aSuggestion({ status: 'on_agenda', topicId: nextId() })
    const args = { suggestionIds: [first.id, other.id], topicId: topic.id }
    expect(await run('suggestion.unschedule', args, cadreActor(), { ...rows, suggestions: [first, other] }))
      .toEqual(refused('invalid_args', 'suggestionIds.1', 'not_in_topic'))
  })

  it('refuses a suggestion on the topic that is no longer on the agenda', async () => {
    const decided = aSuggestion({ status: 'decided', topicId: topic.id })
    const args = { suggestionIds: [first.id, decided.id], topicId: topic.id }
    expect(await run('suggestion.unschedule', args, cadreActor(), { ...rows, suggestions: [first, decided] }))
      .toEqual(refused('illegal_transition', 'suggestionIds.1', 'decided'))
  })

  it('forbids a collector', async () => {
    expect(await run('suggestion.unschedule', { suggestionIds: [first.id], topicId: topic.id }, collectorActor(), rows))
      .toEqual(refused('forbidden'))
  })

  it('keeps a cadre out of another village', async () => {
    expect(await run('suggestion.unschedule', { suggestionIds: [first.id], topicId: topic.id }, cadreActor({ villageId: ids.otherVillage }), rows))
      .toEqual(refused('out_of_scope', 'topicId'))
  })

  it('rejects a topic id that is not an id', async () => {
    expect(await run('suggestion.unschedule', { suggestionIds: [first.id], topicId: 'x' }, cadreActor(), rows))
      .toEqual(refused('invalid_args', 'topicId', expect.any(String)))
  })
})

describe.each([
  {
    name: 'suggestion.answer', transition: 'answered', args: { answer: ' 已报修，本周修好 ' },
    patch: { status: 'answered', answer: '已报修，本周修好' }, textField: 'answer', tooShort: 'answer_too_short',
  },
  {
    name: 'suggestion.decline', transition: 'declined', args: { reason: '不属于村里能办的事' },
    patch: { status: 'declined', declineReason: '不属于村里能办的事' }, textField: 'reason', tooShort: 'reason_too_short',
  },
] as const)('$name', ({ name, args, patch, textField, tooShort }) => {
  it.each(['new', 'on_agenda'] as const)('accepts a %s suggestion and keeps its topic', async (status) => {
    const row = aSuggestion({ status, topicId: status === 'on_agenda' ? nextId() : null })
    expect(await run(name, { id: row.id, ...args }, cadreActor(), { suggestions: [row] })).toEqual({
      ok: true, changes: [{ table: 'suggestions', row: changed(row, patch) }],
    })
  })

  it.each(['decided', 'closed', 'merged'] as const)('refuses a %s suggestion', async (status) => {
    const row = aSuggestion({ status })
    expect(await run(name, { id: row.id, ...args }, cadreActor(), { suggestions: [row] }))
      .toEqual(refused('illegal_transition', 'id', status))
  })

  it.each([
    ['a collector', collectorActor()],
    ['township staff', townshipActor()],
  ])('forbids %s', async (_, actor) => {
    const row = aSuggestion()
    expect(await run(name, { id: row.id, ...args }, actor, { suggestions: [row] })).toEqual(refused('forbidden'))
  })

  it('keeps a cadre out of another village', async () => {
    const row = aSuggestion({ villageId: ids.otherVillage })
    expect(await run(name, { id: row.id, ...args }, cadreActor(), { suggestions: [row] })).toEqual(refused('out_of_scope', 'id'))
  })

  it('rejects a one-character text', async () => {
    const row = aSuggestion()
    expect(await run(name, { id: row.id, [textField]: '好' }, cadreActor(), { suggestions: [row] }))
      .toEqual(refused('invalid_args', textField, tooShort))
  })

  it('answers not_found for a missing suggestion', async () => {
    expect(await run(name, { id: nextId(), ...args }, cadreActor())).toEqual(refused('not_found', 'id'))
  })
})

describe('suggestion.merge', () => {
  const target = aSuggestion({ status: 'on_agenda', topicId: nextId() })
  const duplicate = aSuggestion({ status: 'on_agenda', topicId: target.topicId })
  const rows = { suggestions: [target, duplicate] }

  it('merges a duplicate, which leaves its agenda and points at the other', async () => {
    expect(await run('suggestion.merge', { id: duplicate.id, intoId: target.id }, cadreActor(), rows)).toEqual({
      ok: true,
      changes: [{ table: 'suggestions', row: changed(duplicate, { status: 'merged', mergedInto: target.id, topicId: null }) }],
    })
  })

  it('refuses to merge into a suggestion that is itself merged', async () => {
    const merged = aSuggestion({ status: 'merged', mergedInto: nextId() })
    expect(await run('suggestion.merge', { id: duplicate.id, intoId: merged.id }, cadreActor(), { suggestions: [duplicate, merged] }))
      .toEqual(refused('illegal_transition', 'intoId', 'merged'))
  })

  it('refuses to merge a suggestion that was already decided', async () => {
    const decided = aSuggestion({ status: 'decided' })
    expect(await run('suggestion.merge', { id: decided.id, intoId: target.id }, cadreActor(), { suggestions: [decided, target] }))
      .toEqual(refused('illegal_transition', 'id', 'decided'))
  })

  it('refuses a target in another village', async () => {
    const foreign = aSuggestion({ villageId: ids.otherVillage })
    expect(await run('suggestion.merge', { id: duplicate.id, intoId: foreign.id }, cadreActor(), { suggestions: [duplicate, foreign] }))
      .toEqual(refused('out_of_scope', 'intoId'))
  })

  it('keeps a cadre out of another village', async () => {
    expect(await run('suggestion.merge', { id: duplicate.id, intoId: target.id }, cadreActor({ villageId: ids.otherVillage }), rows))
      .toEqual(refused('out_of_scope', 'id'))
  })

  it('forbids a collector', async () => {
    expect(await run('suggestion.merge', { id: duplicate.id, intoId: target.id }, collectorActor(), rows)).toEqual(refused('forbidden'))
  })

  it('rejects merging a suggestion into itself', async () => {
    expect(await run('suggestion.merge', { id: target.id, intoId: target.id }, cadreActor(), rows))
      .toEqual(refused('invalid_args', 'intoId', 'same_suggestion'))
  })

  it('answers not_found for a missing target', async () => {
    expect(await run('suggestion.merge', { id: duplicate.id, intoId: nextId() }, cadreActor(), rows)).toEqual(refused('not_found', 'intoId'))
  })
})
