import { describe, expect, it } from 'vitest'
import { idAt, idTime, recordedAt } from '@shared/ledger'
import { aMeeting, aRemark, cadreActor, ids, nextId, refused, run, suggestionCreateArgs } from '../builders'

const startsAt = '2026-10-09T11:30:00.000Z'
const madeAt = (instant: string, n: number) => idAt(Date.parse(instant)).replace(/0000$/, n.toString(16).padStart(4, '0'))

describe('recordedAt', () => {
  const running = aMeeting({ startsAt, status: 'in_progress' })
  const closed = aMeeting({ startsAt, status: 'closed', updatedAt: '2026-10-09T13:45:00.000Z' })

  it('reads the time a UUIDv7 was made', () => {
    expect(idTime(madeAt(startsAt, 7))).toBe(Date.parse(startsAt))
  })

  it('takes a row that names the meeting, at any time on any clock, and none that names another', () => {
    expect(recordedAt(aRemark({ id: madeAt('2026-01-01T00:00:00.000Z', 1), meetingId: running.id }), running)).toBe(true)
    expect(recordedAt(aRemark({ id: madeAt(startsAt, 2), meetingId: nextId() }), closed)).toBe(false)
  })

  it.each([
    ['during a meeting still running', running, '2026-10-09T12:00:00.000Z', false],
    ['an hour before a closed meeting was due', closed, '2026-10-09T10:30:00.000Z', true],
    ['earlier that day', closed, '2026-10-09T02:00:00.000Z', false],
    ['during the closed meeting', closed, '2026-10-09T12:00:00.000Z', true],
    ['after it was closed', closed, '2026-10-09T14:00:00.000Z', false],
  ] as const)('counts a row that names no meeting, made %s: %s', (_, meeting, at, expected) => {
    expect(recordedAt(aRemark({ id: madeAt(at, 3) }), meeting)).toBe(expected)
  })
})

describe('naming the meeting in a mutation', () => {
  const meeting = aMeeting()
  const otherVillages = aMeeting({ villageId: ids.otherVillage })
  const rows = { meetings: [meeting, otherVillages] }

  it('stores the meeting an on-site question was raised at', async () => {
    const args = suggestionCreateArgs({ source: 'on_site', meetingId: meeting.id })
    const result = await run('suggestion.create', args, cadreActor(), rows)
    expect(result.ok && result.changes[0]?.row).toMatchObject({ source: 'on_site', meetingId: meeting.id })
  })

  it('leaves a suggestion of no meeting without one', async () => {
    const result = await run('suggestion.create', suggestionCreateArgs({ source: 'hotline' }), cadreActor(), rows)
    expect(result.ok && result.changes[0]?.row).not.toHaveProperty('meetingId')
  })

  it.each([
    ['a suggestion not raised on the spot', 'suggestion.create', suggestionCreateArgs({ source: 'collector', meetingId: meeting.id }), refused('invalid_args', 'meetingId')],
    ['a meeting this phone does not hold', 'suggestion.create', suggestionCreateArgs({ source: 'on_site', meetingId: nextId() }), refused('not_found', 'meetingId')],
    ['a meeting of another village', 'suggestion.create', suggestionCreateArgs({ source: 'on_site', meetingId: otherVillages.id }), refused('invalid_args', 'meetingId')],
    ['a remark at a meeting of another village', 'remark.add', {
      id: nextId(), subjectType: 'meeting', subjectId: meeting.id, kind: 'view', text: '好', meetingId: otherVillages.id,
    }, refused('invalid_args', 'meetingId')],
  ] as const)('refuses %s', async (_, name, args, refusal) => {
    expect(await run(name, args, cadreActor(), rows)).toEqual(refusal)
  })

  it('stores the meeting a remark was given at', async () => {
    const args = { id: nextId(), subjectType: 'meeting', subjectId: meeting.id, kind: 'view', text: '好', meetingId: meeting.id }
    const result = await run('remark.add', args, cadreActor(), rows)
    expect(result.ok && result.changes[0]?.row).toMatchObject({ kind: 'view', meetingId: meeting.id })
  })
})
