import { describe, expect, it } from 'vitest'
import { defaultCalendar } from '@shared/calendar'
import { indexLedger, openItems } from '@shared/ledger'
import { suggestionStatuses } from '@shared/records'
import type { Suggestion } from '@shared/records'
import { isSameRating, ratingProblems, villagerMayRate } from '@shared/villager/rating'
import { aMeeting, aSuggestion, aTopic, changed, EVENING, ids, run, villagerActor } from '../builders'

describe('villagerMayRate', () => {
  it('asks for a rating of answered and resolved items only', () => {
    expect(suggestionStatuses.filter(villagerMayRate)).toEqual(['answered', 'resolved'])
  })
})

describe('ratingProblems', () => {
  it.each([
    [{ stars: 3, outcome: 'partly', note: '' }, {}],
    [{ stars: 5, outcome: 'resolved', note: '修得很好'.repeat(125) }, {}],
    [{ stars: 0, outcome: 'resolved', note: '' }, { stars: 'stars_invalid' }],
    [{ stars: 6, outcome: 'resolved', note: '' }, { stars: 'stars_invalid' }],
    [{ stars: 2.5, outcome: 'resolved', note: '' }, { stars: 'stars_invalid' }],
    [{ stars: 4, outcome: 'fine', note: '' }, { outcome: 'outcome_invalid' }],
    [{ stars: 4, outcome: 'partly', note: '好'.repeat(501) }, { note: 'note_too_long' }],
  ] as const)('%j → %j', (rating, problems) => {
    expect(ratingProblems(rating as never)).toEqual(problems)
  })
})

describe('isSameRating', () => {
  const stored = { stars: 3, outcome: 'partly', ratedAt: EVENING, by: 'villager', note: '还有一盏不亮' }
  it('recognises the villager sending the same rating again', () => {
    expect(isSameRating(stored, { stars: 3, outcome: 'partly', note: ' 还有一盏不亮 ' })).toBe(true)
  })
  it.each([
    ['other stars', { stars: 4, outcome: 'partly', note: '还有一盏不亮' }],
    ['another outcome', { stars: 3, outcome: 'unresolved', note: '还有一盏不亮' }],
    ['another line', { stars: 3, outcome: 'partly', note: '' }],
  ] as const)('not with %s', (_what, asked) => {
    expect(isSameRating(stored, asked)).toBe(false)
  })
  it("not a cadre's callback, nor no rating", () => {
    expect(isSameRating({ ...stored, by: undefined }, { stars: 3, outcome: 'partly', note: '还有一盏不亮' })).toBe(false)
    expect(isSameRating(null, { stars: 3, outcome: 'partly', note: '' })).toBe(false)
  })
})

describe("a villager's rating through suggestion.rate", () => {
  const closedMeeting = aMeeting({ status: 'closed' })
  const topic = aTopic({ meetingId: closedMeeting.id, outcome: 'decided' })
  const resolved = aSuggestion({ status: 'resolved', topicId: topic.id })
  topic.suggestionIds = [resolved.id]

  it('keeps who rated and their line on the rating', async () => {
    const args = { id: resolved.id, stars: 3, outcome: 'partly', receiptCode: resolved.receiptCode, note: ' 还有一盏不亮 ' }
    expect(await run('suggestion.rate', args, villagerActor(), { suggestions: [resolved] })).toEqual({
      ok: true,
      changes: [{
        table: 'suggestions',
        row: changed(resolved, {
          status: 'on_agenda', rating: { stars: 3, outcome: 'partly', ratedAt: EVENING, by: 'villager', note: '还有一盏不亮' },
        }),
      }],
    })
  })

  it.each(['partly', 'unresolved'] as const)('reopens it onto the next report-back when %s, as a callback does', async (outcome) => {
    const result = await run('suggestion.rate', { id: resolved.id, stars: 2, outcome, receiptCode: resolved.receiptCode }, villagerActor(), { suggestions: [resolved] })
    if (!result.ok) throw new Error(JSON.stringify(result))
    const after = result.changes[0]!.row as Suggestion
    const carried = openItems(ids.village, indexLedger({ suggestions: [after], topics: [topic], meetings: [closedMeeting] }), defaultCalendar, '2026-10-10')
    expect(carried.map((item) => [item.kind, item.id])).toEqual([['suggestion', resolved.id]])
  })

  it('crosses it off when resolved: nothing is carried over', async () => {
    const result = await run('suggestion.rate', { id: resolved.id, stars: 5, outcome: 'resolved', receiptCode: resolved.receiptCode }, villagerActor(), { suggestions: [resolved] })
    if (!result.ok) throw new Error(JSON.stringify(result))
    const after = result.changes[0]!.row as Suggestion
    expect(after.status).toBe('closed')
    expect(openItems(ids.village, indexLedger({ suggestions: [after], topics: [topic], meetings: [closedMeeting] }), defaultCalendar, '2026-10-10')).toEqual([])
  })

  it('refuses a line longer than 500 characters', async () => {
    const result = await run('suggestion.rate', { id: resolved.id, stars: 2, outcome: 'partly', receiptCode: resolved.receiptCode, note: '好'.repeat(501) }, villagerActor(), { suggestions: [resolved] })
    expect(result).toEqual({ ok: false, rejection: { code: 'invalid_args', field: 'note', detail: 'note_too_long' } })
  })
})
