import { describe, expect, it } from 'vitest'
import type { MeetingStatus } from '@shared/records'
import {
  aMeeting, cadreActor, changed, collectorActor, fresh, ids, nextId, refused, run, townshipActor,
} from './builders'

describe('meeting.create', () => {
  const args = () => ({
    id: nextId(), villageId: ids.village, title: '十月乡村夜话', startsAt: '2026-10-09T11:30:00.000Z', place: '村委会广场',
  })

  it('plans a draft meeting with no attendance, notice or summary yet', async () => {
    const given = args()
    expect(await run('meeting.create', given, cadreActor())).toEqual({
      ok: true,
      changes: [{
        table: 'meetings',
        row: {
          ...fresh(given.id), villageId: ids.village, title: '十月乡村夜话', startsAt: '2026-10-09T11:30:00.000Z',
          place: '村委会广场', status: 'draft', attendance: 0, noticeText: null, summary: null,
        },
      }],
    })
  })

  it.each([
    ['a collector', collectorActor()],
    ['township staff', townshipActor()],
  ])('forbids %s', async (_, actor) => {
    expect(await run('meeting.create', args(), actor)).toEqual(refused('forbidden'))
  })

  it('keeps a cadre out of another village', async () => {
    expect(await run('meeting.create', { ...args(), villageId: ids.otherVillage }, cadreActor()))
      .toEqual(refused('out_of_scope', 'villageId'))
  })

  it.each([
    ['a blank place', { place: ' ' }, 'place', 'place_required'],
    ['a time without a time zone', { startsAt: '2026-10-09 19:30' }, 'startsAt', 'time_invalid'],
    ['a title over 100 characters', { title: '夜'.repeat(101) }, 'title', 'title_too_long'],
  ])('rejects %s', async (_, overrides, field, detail) => {
    expect(await run('meeting.create', { ...args(), ...overrides }, cadreActor())).toEqual(refused('invalid_args', field, detail))
  })

  it('refuses an id that is taken', async () => {
    const existing = aMeeting()
    expect(await run('meeting.create', { ...args(), id: existing.id }, cadreActor(), { meetings: [existing] }))
      .toEqual(refused('conflict', 'id'))
  })
})

describe('meeting.update', () => {
  it('patches only the fields given and never the status', async () => {
    const meeting = aMeeting({ status: 'draft' })
    expect(await run('meeting.update', { id: meeting.id, place: '文化广场' }, cadreActor(), { meetings: [meeting] })).toEqual({
      ok: true, changes: [{ table: 'meetings', row: changed(meeting, { place: '文化广场' }) }],
    })
  })

  it('records attendance and the summary during the meeting', async () => {
    const meeting = aMeeting({ status: 'in_progress' })
    const result = await run('meeting.update', { id: meeting.id, attendance: 46, summary: '议定三件事' }, cadreActor(), { meetings: [meeting] })
    expect(result).toEqual({
      ok: true, changes: [{ table: 'meetings', row: changed(meeting, { attendance: 46, summary: '议定三件事' }) }],
    })
  })

  it.each<[MeetingStatus, Record<string, unknown>, string]>([
    ['announced', { startsAt: '2026-10-10T11:30:00.000Z' }, 'startsAt'],
    ['announced', { place: '文化广场' }, 'place'],
    ['draft', { attendance: 12 }, 'attendance'],
    ['in_progress', { title: '新标题' }, 'title'],
  ])('refuses in a %s meeting an edit of %j', async (status, patch, field) => {
    const meeting = aMeeting({ status })
    expect(await run('meeting.update', { id: meeting.id, ...patch }, cadreActor(), { meetings: [meeting] }))
      .toEqual(refused('illegal_transition', field, status))
  })

  it.each(['closed', 'cancelled'] as const)('treats a %s meeting as read-only', async (status) => {
    const meeting = aMeeting({ status })
    expect(await run('meeting.update', { id: meeting.id, summary: '补充' }, cadreActor(), { meetings: [meeting] }))
      .toEqual(refused('illegal_transition', 'id', status))
  })

  it('forbids a collector', async () => {
    const meeting = aMeeting()
    expect(await run('meeting.update', { id: meeting.id, title: '新' }, collectorActor(), { meetings: [meeting] })).toEqual(refused('forbidden'))
  })

  it('keeps a cadre out of another village', async () => {
    const meeting = aMeeting({ villageId: ids.otherVillage })
    expect(await run('meeting.update', { id: meeting.id, title: '新' }, cadreActor(), { meetings: [meeting] }))
      .toEqual(refused('out_of_scope', 'id'))
  })

  it.each([
    ['nothing to change', {}, 'id', 'nothing_to_update'],
    ['a negative attendance', { attendance: -1 }, 'attendance', 'attendance_invalid'],
  ])('rejects %s', async (_, patch, field, detail) => {
    expect(await run('meeting.update', { id: nextId(), ...patch }, cadreActor())).toEqual(refused('invalid_args', field, detail))
  })

  it('answers not_found for a missing meeting', async () => {
    expect(await run('meeting.update', { id: nextId(), title: '新' }, cadreActor())).toEqual(refused('not_found', 'id'))
  })
})

// Each transition: the mutation's arguments beyond the id, the status it starts from, the fields
// it writes, and a status it may not start from.
const transitions = [
  { name: 'meeting.announce', args: { noticeText: '10月9日晚7点半村委会广场开夜话会' }, from: 'draft', patch: { status: 'announced', noticeText: '10月9日晚7点半村委会广场开夜话会' }, illegal: 'announced' },
  { name: 'meeting.start', args: {}, from: 'announced', patch: { status: 'in_progress' }, illegal: 'closed' },
  { name: 'meeting.start', args: {}, from: 'draft', patch: { status: 'in_progress' }, illegal: 'in_progress' },
  { name: 'meeting.close', args: { summary: '路灯本周修好', attendance: 38 }, from: 'in_progress', patch: { status: 'closed', summary: '路灯本周修好', attendance: 38 }, illegal: 'announced' },
  { name: 'meeting.cancel', args: {}, from: 'announced', patch: { status: 'cancelled' }, illegal: 'in_progress' },
  { name: 'meeting.reschedule', args: { startsAt: '2026-10-16T11:30:00.000Z' }, from: 'announced', patch: { status: 'draft', startsAt: '2026-10-16T11:30:00.000Z' }, illegal: 'draft' },
] as const

describe.each(transitions)('$name from $from', ({ name, args, from, patch, illegal }) => {
  it('applies the transition and writes its fields', async () => {
    const meeting = aMeeting({ status: from })
    expect(await run(name, { id: meeting.id, ...args }, cadreActor(), { meetings: [meeting] })).toEqual({
      ok: true, changes: [{ table: 'meetings', row: changed(meeting, patch) }],
    })
  })

  it(`refuses a meeting that is ${illegal}`, async () => {
    const meeting = aMeeting({ status: illegal })
    expect(await run(name, { id: meeting.id, ...args }, cadreActor(), { meetings: [meeting] }))
      .toEqual(refused('illegal_transition', 'id', illegal))
  })

  it('forbids township staff and collectors', async () => {
    const meeting = aMeeting({ status: from })
    for (const actor of [townshipActor(), collectorActor()]) {
      expect(await run(name, { id: meeting.id, ...args }, actor, { meetings: [meeting] })).toEqual(refused('forbidden'))
    }
  })

  it('keeps a cadre out of another village', async () => {
    const meeting = aMeeting({ status: from, villageId: ids.otherVillage })
    expect(await run(name, { id: meeting.id, ...args }, cadreActor(), { meetings: [meeting] })).toEqual(refused('out_of_scope', 'id'))
  })
})

describe('meeting transition arguments', () => {
  it.each([
    ['meeting.announce', { noticeText: '' }, 'noticeText', 'notice_required'],
    ['meeting.close', { summary: '  ' }, 'summary', 'summary_required'],
    ['meeting.reschedule', { place: '' }, 'place', 'place_required'],
  ])('%s rejects %j', async (name, args, field, detail) => {
    expect(await run(name, { id: nextId(), ...args }, cadreActor())).toEqual(refused('invalid_args', field, detail))
  })

  it('meeting.reschedule without a new time keeps the old one', async () => {
    const meeting = aMeeting({ status: 'announced' })
    expect(await run('meeting.reschedule', { id: meeting.id }, cadreActor(), { meetings: [meeting] })).toEqual({
      ok: true, changes: [{ table: 'meetings', row: changed(meeting, { status: 'draft' }) }],
    })
  })
})
