// Meetings (夜话): planned as a draft, announced with a notice, held, closed with a summary.
import { z } from 'zod'
import { meetingMachine } from '../machines'
import type { TransitionName } from '../machines'
import type { Meeting, MeetingStatus } from '../records'
import { id } from '../records'
import type { MutationInput, MutationResult } from './core'
import { accept, created, defineMutation, reject, updated } from './core'
import { notRole, outOfScope, refuseTransition, text } from './guards'
import { mutationRoles } from './permissions'

const title = text('title', 1, 100)
const place = text('place', 1, 100)
const startsAt = z.iso.datetime({ offset: true, error: 'time_invalid' }).max(40, 'time_invalid')
const attendance = z.number('attendance_invalid').int('attendance_invalid').min(0, 'attendance_invalid').max(100000, 'attendance_invalid')

export const createMeetingArgs = z.object({ id, villageId: id, title, startsAt, place })
export type CreateMeetingArgs = z.input<typeof createMeetingArgs>

/** Plan a meeting as a draft (the app fills in the village square as the place). */
export const createMeeting = defineMutation({
  name: 'meeting.create',
  args: createMeetingArgs,
  reads: (args) => [{ table: 'meetings', id: args.id }],
  apply({ args, actor, rows, now }) {
    const refusal = outOfScope(actor, args.villageId, 'villageId') ?? notRole(actor, mutationRoles['meeting.create'])
    if (refusal) return refusal
    if (rows.exists('meetings', args.id)) return reject('conflict', 'id')
    return accept({
      table: 'meetings',
      row: {
        ...created(args.id, now), villageId: args.villageId, title: args.title, startsAt: args.startsAt,
        place: args.place, status: 'draft', attendance: 0, noticeText: null, summary: null,
      },
    })
  },
})

const editableKeys = ['title', 'startsAt', 'place', 'noticeText', 'attendance', 'summary'] as const
type EditableField = (typeof editableKeys)[number]

/**
 * What may be edited in each status. Time and place of an announced meeting change only through
 * `meeting.reschedule` (the notice must go out again); attendance and summary belong to the evening.
 */
export const editableFields: Record<MeetingStatus, readonly EditableField[]> = {
  draft: ['title', 'startsAt', 'place', 'noticeText'],
  announced: ['title', 'noticeText'],
  in_progress: ['attendance', 'summary'],
  closed: [],
  cancelled: [],
}

export const updateMeetingArgs = z
  .object({
    id,
    title: title.optional(),
    startsAt: startsAt.optional(),
    place: place.optional(),
    noticeText: text('notice', 1, 4000).optional(),
    attendance: attendance.optional(),
    summary: text('summary', 1, 8000).optional(),
  })
  .refine((args) => Object.entries(args).some(([key, value]) => key !== 'id' && value !== undefined), {
    path: ['id'],
    message: 'nothing_to_update',
  })
export type UpdateMeetingArgs = z.input<typeof updateMeetingArgs>

/** Load the meeting and make the checks every meeting mutation shares (exists, scope, role). */
function loadMeeting(input: MutationInput<{ id: string }>): { meeting: Meeting } | { refusal: MutationResult } {
  const meeting = input.rows.get('meetings', input.args.id)
  if (!meeting) return { refusal: reject('not_found', 'id') }
  const refusal = outOfScope(input.actor, meeting.villageId, 'id') ?? notRole(input.actor, mutationRoles['meeting.update'])
  return refusal ? { refusal } : { meeting }
}

/**
 * Edit plain fields of a meeting; only the fields given change (field-by-field merge), never the
 * status. A field not editable in the meeting's status is refused as `illegal_transition` naming
 * it, with the status as detail; a closed or cancelled meeting is read-only.
 */
export const updateMeeting = defineMutation({
  name: 'meeting.update',
  args: updateMeetingArgs,
  reads: (args) => [{ table: 'meetings', id: args.id }],
  apply(input) {
    const loaded = loadMeeting(input)
    if ('refusal' in loaded) return loaded.refusal
    const { meeting } = loaded
    const allowed = editableFields[meeting.status]
    if (allowed.length === 0) return reject('illegal_transition', 'id', meeting.status)
    const patch: Partial<Meeting> = {}
    for (const key of editableKeys) {
      if (input.args[key] === undefined) continue
      if (!allowed.includes(key)) return reject('illegal_transition', key, meeting.status)
      Object.assign(patch, { [key]: input.args[key] })
    }
    return accept({ table: 'meetings', row: updated(meeting, patch, input.now) })
  },
})

/** A mutation that applies one meeting transition, with the fields it sets alongside. */
function meetingTransition<S extends z.ZodType<{ id: string }>>(
  name: string,
  transition: TransitionName<typeof meetingMachine>,
  args: S,
  patch: (args: z.infer<S>) => Partial<Meeting>,
) {
  return defineMutation({
    name,
    args,
    reads: (parsed) => [{ table: 'meetings', id: parsed.id }],
    apply(input) {
      const loaded = loadMeeting(input)
      if ('refusal' in loaded) return loaded.refusal
      const { meeting } = loaded
      const refusal = refuseTransition(meetingMachine, transition, meeting.status, input.actor, 'id')
      if (refusal) return refusal
      const to = meetingMachine.transitions[transition].to
      return accept({ table: 'meetings', row: updated(meeting, { ...patch(input.args), status: to }, input.now) })
    },
  })
}

export const announceMeetingArgs = z.object({ id, noticeText: text('notice', 1, 4000) })
export type AnnounceMeetingArgs = z.input<typeof announceMeetingArgs>

/**
 * Issue the notice (通知). A meeting may be announced without topics: open discussion (群众议事)
 * alone is a reason to meet, and new topics can still be added until it closes.
 */
export const announceMeeting = meetingTransition('meeting.announce', 'announce', announceMeetingArgs, (args) => ({
  noticeText: args.noticeText,
}))

export const startMeetingArgs = z.object({ id })

/** Start the evening (from draft too: a meeting can be called at short notice). */
export const startMeeting = meetingTransition('meeting.start', 'start', startMeetingArgs, () => ({}))

export const closeMeetingArgs = z.object({ id, summary: text('summary', 1, 8000), attendance: attendance.optional() })
export type CloseMeetingArgs = z.input<typeof closeMeetingArgs>

/** Close the meeting with the cadres' summary (干部总结); from then on it is read-only. */
export const closeMeeting = meetingTransition('meeting.close', 'close', closeMeetingArgs, (args) => ({
  summary: args.summary,
  ...(args.attendance === undefined ? {} : { attendance: args.attendance }),
}))

export const cancelMeetingArgs = z.object({ id })

/** Call a planned meeting off. Its topics' suggestions stay on the agenda, to be moved to another. */
export const cancelMeeting = meetingTransition('meeting.cancel', 'cancel', cancelMeetingArgs, () => ({}))

export const rescheduleMeetingArgs = z.object({ id, startsAt: startsAt.optional(), place: place.optional() })
export type RescheduleMeetingArgs = z.input<typeof rescheduleMeetingArgs>

/** Take an announced meeting back to draft, optionally with a new time and place, to announce again. */
export const rescheduleMeeting = meetingTransition('meeting.reschedule', 'reschedule', rescheduleMeetingArgs, (args) => ({
  ...(args.startsAt === undefined ? {} : { startsAt: args.startsAt }),
  ...(args.place === undefined ? {} : { place: args.place }),
}))
