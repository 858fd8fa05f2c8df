import { describe, expect, it } from 'vitest'
import { mutations } from '@shared/mutations'
import {
  adminActor, aSuggestion, cadreActor, changed, collectorActor, EVENING, ids, nextId, refused, run, townshipActor,
  villagerActor,
} from './builders'

describe('suggestion.rate', () => {
  const resolved = aSuggestion({ status: 'resolved', topicId: nextId() })
  const rows = { suggestions: [resolved] }

  it('crosses off a suggestion its villager rates as resolved, with their receipt', async () => {
    const args = { id: resolved.id, stars: 5, outcome: 'resolved', receiptCode: resolved.receiptCode }
    expect(await run('suggestion.rate', args, villagerActor(), rows)).toEqual({
      ok: true,
      changes: [{
        table: 'suggestions',
        row: changed(resolved, { status: 'closed', rating: { stars: 5, outcome: 'resolved', ratedAt: EVENING, by: 'villager' } }),
      }],
    })
  })

  it.each(['partly', 'unresolved'] as const)('reopens onto the agenda, on the same topic, when %s', async (outcome) => {
    const args = { id: resolved.id, stars: 2, outcome }
    expect(await run('suggestion.rate', args, collectorActor(), rows)).toEqual({
      ok: true,
      changes: [{
        table: 'suggestions',
        row: changed(resolved, { status: 'on_agenda', rating: { stars: 2, outcome, ratedAt: EVENING } }),
      }],
    })
  })

  it('lets a cadre record the callback for an answered suggestion', async () => {
    const answered = aSuggestion({ status: 'answered', answer: '已答复' })
    const result = await run('suggestion.rate', { id: answered.id, stars: 4, outcome: 'resolved' }, cadreActor(), { suggestions: [answered] })
    expect(result.ok && result.changes[0]?.row).toMatchObject({ status: 'closed', rating: { stars: 4, outcome: 'resolved' } })
  })

  it('replaces an earlier rating when a villager who was satisfied says it broke again', async () => {
    const closed = aSuggestion({ status: 'closed', rating: { stars: 5, outcome: 'resolved', ratedAt: '2026-10-02T00:00:00.000Z' } })
    const args = { id: closed.id, stars: 1, outcome: 'unresolved', receiptCode: closed.receiptCode }
    const result = await run('suggestion.rate', args, villagerActor(), { suggestions: [closed] })
    expect(result.ok && result.changes[0]?.row).toMatchObject({ status: 'on_agenda', rating: { stars: 1, outcome: 'unresolved', ratedAt: EVENING } })
  })

  it.each([
    ['still new', 'new', 'resolved'],
    ['only decided', 'decided', 'resolved'],
    ['already closed', 'closed', 'resolved'],
    ['reopened already', 'on_agenda', 'partly'],
  ] as const)('refuses to rate a suggestion %s', async (_, status, outcome) => {
    const row = aSuggestion({ status })
    expect(await run('suggestion.rate', { id: row.id, stars: 3, outcome }, cadreActor(), { suggestions: [row] }))
      .toEqual(refused('illegal_transition', 'id', status))
  })

  it('forbids a villager without the right receipt code', async () => {
    for (const receiptCode of [undefined, 'ZZZZZZZZ']) {
      expect(await run('suggestion.rate', { id: resolved.id, stars: 5, outcome: 'resolved', receiptCode }, villagerActor(), rows))
        .toEqual(refused('forbidden', 'receiptCode'))
    }
  })

  it.each([
    ['township staff', townshipActor()],
    ['an administrator', adminActor()],
  ])('forbids %s', async (_, actor) => {
    expect(await run('suggestion.rate', { id: resolved.id, stars: 5, outcome: 'resolved' }, actor, rows)).toEqual(refused('forbidden'))
  })

  it.each([
    ['a villager', villagerActor({ villageId: ids.otherVillage })],
    ['a collector', collectorActor({ villageId: ids.otherVillage })],
  ])('keeps %s of another village out', async (_, actor) => {
    const args = { id: resolved.id, stars: 5, outcome: 'resolved', receiptCode: resolved.receiptCode }
    expect(await run('suggestion.rate', args, actor, rows)).toEqual(refused('out_of_scope', 'id'))
  })

  it.each([
    ['no stars', { stars: 0 }, 'stars', 'stars_invalid'],
    ['six stars', { stars: 6 }, 'stars', 'stars_invalid'],
    ['half a star', { stars: 3.5 }, 'stars', 'stars_invalid'],
    ['an unknown outcome', { outcome: 'maybe' }, 'outcome', expect.any(String)],
  ])('rejects %s', async (_, overrides, field, detail) => {
    expect(await run('suggestion.rate', { id: resolved.id, stars: 4, outcome: 'resolved', ...overrides }, cadreActor(), rows))
      .toEqual(refused('invalid_args', field, detail))
  })

  it('answers not_found for a missing suggestion', async () => {
    expect(await run('suggestion.rate', { id: nextId(), stars: 4, outcome: 'resolved' }, cadreActor())).toEqual(refused('not_found', 'id'))
  })
})

describe('mutations registry', () => {
  it('names every mutation by the key it is registered under', () => {
    for (const [key, def] of Object.entries(mutations)) expect(def.name).toBe(key)
  })

  // Every mutation about one row names it `id`; the three about lists name their lists instead.
  const aboutLists = ['suggestion.schedule', 'suggestion.unschedule', 'topic.reorder']
  it.each(Object.keys(mutations).filter((name) => !aboutLists.includes(name)))('%s rejects an id that is not an id', async (name) => {
    expect(await run(name, { id: 'not-an-id' }, cadreActor())).toEqual(refused('invalid_args', 'id', expect.any(String)))
  })

  it('holds the whole cycle under its wire names', () => {
    expect(Object.keys(mutations).sort()).toEqual([
      'attachment.add',
      'decision.cancel', 'decision.complete', 'decision.create', 'decision.reopen',
      'escalation.accept', 'escalation.assign', 'escalation.close', 'escalation.create', 'escalation.feedback',
      'escalation.forward', 'escalation.rate', 'escalation.reject_result', 'escalation.report', 'escalation.resolve',
      'escalation.resubmit', 'escalation.return',
      'meeting.announce', 'meeting.cancel', 'meeting.close', 'meeting.create', 'meeting.reschedule', 'meeting.start',
      'meeting.update',
      'remark.add',
      'suggestion.answer', 'suggestion.create', 'suggestion.decline', 'suggestion.merge', 'suggestion.rate',
      'suggestion.schedule', 'suggestion.unschedule',
      'topic.create', 'topic.defer', 'topic.remove', 'topic.reorder', 'topic.update',
    ])
  })
})
