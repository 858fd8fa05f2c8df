import { describe, expect, it } from 'vitest'
import {
  aMeeting, aSuggestion, aTopic, cadreActor, changed, collectorActor, fresh, ids, nextId, refused, run,
  townshipActor,
} from './builders'

describe('topic.create', () => {
  const meeting = aMeeting({ status: 'announced' })

  it('adds an empty pending topic to the meeting', async () => {
    const id = nextId()
    expect(await run('topic.create', { id, meetingId: meeting.id, title: '修路灯', order: 1 }, cadreActor(), { meetings: [meeting] })).toEqual({
      ok: true,
      changes: [{
        table: 'topics',
        row: { ...fresh(id), villageId: ids.village, meetingId: meeting.id, title: '修路灯', order: 1, suggestionIds: [], outcome: 'pending' },
      }],
    })
  })

  it('refuses a topic for a closed meeting', async () => {
    const closed = aMeeting({ status: 'closed' })
    expect(await run('topic.create', { id: nextId(), meetingId: closed.id, title: '修路灯', order: 1 }, cadreActor(), { meetings: [closed] }))
      .toEqual(refused('illegal_transition', 'meetingId', 'closed'))
  })

  it('forbids a collector', async () => {
    expect(await run('topic.create', { id: nextId(), meetingId: meeting.id, title: '修路灯', order: 1 }, collectorActor(), { meetings: [meeting] }))
      .toEqual(refused('forbidden'))
  })

  it('keeps a cadre out of another village', async () => {
    const foreign = aMeeting({ villageId: ids.otherVillage })
    expect(await run('topic.create', { id: nextId(), meetingId: foreign.id, title: '修路灯', order: 1 }, cadreActor(), { meetings: [foreign] }))
      .toEqual(refused('out_of_scope', 'meetingId'))
  })

  it('rejects a negative order', async () => {
    expect(await run('topic.create', { id: nextId(), meetingId: meeting.id, title: '修路灯', order: -1 }, cadreActor(), { meetings: [meeting] }))
      .toEqual(refused('invalid_args', 'order', 'order_invalid'))
  })

  it('refuses an id that is taken', async () => {
    const taken = aTopic({ meetingId: meeting.id, deletedAt: '2026-10-02T00:00:00.000Z' })
    expect(await run('topic.create', { id: taken.id, meetingId: meeting.id, title: '修路灯', order: 1 }, cadreActor(), { meetings: [meeting], topics: [taken] }))
      .toEqual(refused('conflict', 'id'))
  })
})

describe('topic.update', () => {
  const meeting = aMeeting({ status: 'in_progress' })
  const topic = aTopic({ meetingId: meeting.id })
  const rows = { meetings: [meeting], topics: [topic] }

  it('renames the topic and changes nothing else', async () => {
    expect(await run('topic.update', { id: topic.id, meetingId: meeting.id, title: '修村东路灯' }, cadreActor(), rows)).toEqual({
      ok: true, changes: [{ table: 'topics', row: changed(topic, { title: '修村东路灯' }) }],
    })
  })

  it('refuses a topic of a closed meeting', async () => {
    const closed = { ...meeting, status: 'closed' as const }
    expect(await run('topic.update', { id: topic.id, meetingId: meeting.id, title: '新' }, cadreActor(), { ...rows, meetings: [closed] }))
      .toEqual(refused('illegal_transition', 'meetingId', 'closed'))
  })

  it('refuses a meeting that is not the topic\'s', async () => {
    const other = aMeeting()
    expect(await run('topic.update', { id: topic.id, meetingId: other.id, title: '新' }, cadreActor(), { ...rows, meetings: [other] }))
      .toEqual(refused('invalid_args', 'meetingId', 'other_meeting'))
  })

  it('forbids township staff', async () => {
    expect(await run('topic.update', { id: topic.id, meetingId: meeting.id, title: '新' }, townshipActor(), rows)).toEqual(refused('forbidden'))
  })

  it('keeps a cadre out of another village', async () => {
    expect(await run('topic.update', { id: topic.id, meetingId: meeting.id, title: '新' }, cadreActor({ villageId: ids.otherVillage }), rows))
      .toEqual(refused('out_of_scope', 'id'))
  })

  it('rejects a blank title', async () => {
    expect(await run('topic.update', { id: topic.id, meetingId: meeting.id, title: '' }, cadreActor(), rows))
      .toEqual(refused('invalid_args', 'title', 'title_required'))
  })

  it('answers not_found for a missing topic', async () => {
    expect(await run('topic.update', { id: nextId(), meetingId: meeting.id, title: '新' }, cadreActor(), rows)).toEqual(refused('not_found', 'id'))
  })
})

describe('topic.reorder', () => {
  const meeting = aMeeting({ status: 'draft' })
  const a = aTopic({ meetingId: meeting.id, order: 0, title: '甲' })
  const b = aTopic({ meetingId: meeting.id, order: 1, title: '乙' })
  const c = aTopic({ meetingId: meeting.id, order: 2, title: '丙' })
  const rows = { meetings: [meeting], topics: [a, b, c] }

  it('numbers the topics in the given order and writes only those that moved', async () => {
    expect(await run('topic.reorder', { meetingId: meeting.id, topicIds: [c.id, b.id, a.id] }, cadreActor(), rows)).toEqual({
      ok: true,
      changes: [
        { table: 'topics', row: changed(c, { order: 0 }) },
        { table: 'topics', row: changed(a, { order: 2 }) },
      ],
    })
  })

  it('refuses all when one topic belongs to another meeting', async () => {
    const stray = aTopic({ meetingId: nextId() })
    expect(await run('topic.reorder', { meetingId: meeting.id, topicIds: [b.id, stray.id] }, cadreActor(), { ...rows, topics: [b, stray] }))
      .toEqual(refused('invalid_args', 'topicIds.1', 'other_meeting'))
  })

  it('refuses the agenda of a closed meeting', async () => {
    const closed = { ...meeting, status: 'closed' as const }
    expect(await run('topic.reorder', { meetingId: meeting.id, topicIds: [b.id, a.id] }, cadreActor(), { ...rows, meetings: [closed] }))
      .toEqual(refused('illegal_transition', 'meetingId', 'closed'))
  })

  it('forbids a collector', async () => {
    expect(await run('topic.reorder', { meetingId: meeting.id, topicIds: [b.id, a.id] }, collectorActor(), rows)).toEqual(refused('forbidden'))
  })

  it('keeps a cadre out of another village', async () => {
    expect(await run('topic.reorder', { meetingId: meeting.id, topicIds: [b.id, a.id] }, cadreActor({ villageId: ids.otherVillage }), rows))
      .toEqual(refused('out_of_scope', 'meetingId'))
  })

  it('rejects a topic listed twice', async () => {
    expect(await run('topic.reorder', { meetingId: meeting.id, topicIds: [a.id, a.id] }, cadreActor(), rows))
      .toEqual(refused('invalid_args', 'topicIds', 'duplicate_ids'))
  })

  it('answers not_found naming the missing topic', async () => {
    expect(await run('topic.reorder', { meetingId: meeting.id, topicIds: [a.id, nextId()] }, cadreActor(), rows))
      .toEqual(refused('not_found', 'topicIds.1'))
  })
})

describe('topic.defer', () => {
  const meeting = aMeeting({ status: 'in_progress' })
  const topic = aTopic({ meetingId: meeting.id })
  const waiting = aSuggestion({ status: 'on_agenda', topicId: topic.id })
  const answered = aSuggestion({ status: 'answered', topicId: topic.id, answer: '已答复' })
  const movedOn = aSuggestion({ status: 'on_agenda', topicId: nextId() })
  const listed = { ...topic, suggestionIds: [waiting.id, answered.id, movedOn.id] }
  const rows = { meetings: [meeting], topics: [listed], suggestions: [waiting, answered, movedOn] }
  const args = { id: topic.id, meetingId: meeting.id, suggestionIds: [movedOn.id, waiting.id, answered.id] }

  it('defers the topic and sends the suggestions still waiting on it back to the inbox', async () => {
    expect(await run('topic.defer', args, cadreActor(), rows)).toEqual({
      ok: true,
      changes: [
        { table: 'topics', row: changed(listed, { outcome: 'deferred' }) },
        { table: 'suggestions', row: changed(waiting, { status: 'new', topicId: null }) },
      ],
    })
  })

  it('refuses when the device\'s copy of the topic\'s list is out of date', async () => {
    expect(await run('topic.defer', { ...args, suggestionIds: [waiting.id] }, cadreActor(), rows))
      .toEqual(refused('invalid_args', 'suggestionIds', 'list_changed'))
  })

  it('refuses a topic that was already decided', async () => {
    const decided = { ...listed, outcome: 'decided' as const }
    expect(await run('topic.defer', args, cadreActor(), { ...rows, topics: [decided] }))
      .toEqual(refused('illegal_transition', 'id', 'decided'))
  })

  it('refuses outside the meeting itself', async () => {
    const announced = { ...meeting, status: 'announced' as const }
    expect(await run('topic.defer', args, cadreActor(), { ...rows, meetings: [announced] }))
      .toEqual(refused('illegal_transition', 'meetingId', 'announced'))
  })

  it('forbids a collector', async () => {
    expect(await run('topic.defer', args, collectorActor(), rows)).toEqual(refused('forbidden'))
  })

  it('keeps a cadre out of another village', async () => {
    expect(await run('topic.defer', args, cadreActor({ villageId: ids.otherVillage }), rows)).toEqual(refused('out_of_scope', 'id'))
  })

  it('rejects a list that is not ids', async () => {
    expect(await run('topic.defer', { ...args, suggestionIds: ['x'] }, cadreActor(), rows))
      .toEqual(refused('invalid_args', 'suggestionIds.0', expect.any(String)))
  })
})

describe('topic.remove', () => {
  const meeting = aMeeting({ status: 'announced' })
  const topic = aTopic({ meetingId: meeting.id })
  const waiting = aSuggestion({ status: 'on_agenda', topicId: topic.id })
  const movedOn = aSuggestion({ status: 'on_agenda', topicId: nextId() })
  const listed = { ...topic, suggestionIds: [waiting.id, movedOn.id] }
  const rows = { meetings: [meeting], topics: [listed], suggestions: [waiting, movedOn] }
  const args = { id: topic.id, meetingId: meeting.id, suggestionIds: [movedOn.id, waiting.id] }

  it('deletes the topic and sends the suggestions still on it back to the inbox', async () => {
    expect(await run('topic.remove', args, cadreActor(), rows)).toEqual({
      ok: true,
      changes: [
        { table: 'topics', row: changed(listed, { deletedAt: expect.any(String) }) },
        { table: 'suggestions', row: changed(waiting, { status: 'new', topicId: null }) },
      ],
    })
  })

  it.each(['draft', 'announced'] as const)('works while the meeting is %s', async (status) => {
    const result = await run('topic.remove', args, cadreActor(), { ...rows, meetings: [{ ...meeting, status }] })
    expect(result.ok).toBe(true)
  })

  it.each(['in_progress', 'closed', 'cancelled'] as const)('refuses once the meeting is %s (defer instead)', async (status) => {
    expect(await run('topic.remove', args, cadreActor(), { ...rows, meetings: [{ ...meeting, status }] }))
      .toEqual(refused('illegal_transition', 'meetingId', status))
  })

  it('refuses when the device\'s copy of the topic\'s list is out of date', async () => {
    expect(await run('topic.remove', { ...args, suggestionIds: [waiting.id] }, cadreActor(), rows))
      .toEqual(refused('invalid_args', 'suggestionIds', 'list_changed'))
  })

  it('answers not_found for a topic already removed', async () => {
    const removed = { ...listed, deletedAt: '2026-11-20T12:00:00.000Z' }
    expect(await run('topic.remove', args, cadreActor(), { ...rows, topics: [removed] })).toEqual(refused('not_found', 'id'))
  })

  it('forbids a collector', async () => {
    expect(await run('topic.remove', args, collectorActor(), rows)).toEqual(refused('forbidden'))
  })

  it('keeps a cadre out of another village', async () => {
    expect(await run('topic.remove', args, cadreActor({ villageId: ids.otherVillage }), rows)).toEqual(refused('out_of_scope', 'id'))
  })
})
