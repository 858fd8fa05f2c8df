// Remarks are append-only notes on any subject: views at the meeting (群众议事), the report given on
// an earlier item (上次落实情况), progress, feedback. Never updated, so they never conflict.
import { z } from 'zod'
import type { Actor } from '../actor'
import type { Remark } from '../records'
import { id, remark, remarkKinds } from '../records'
import type { Change, MutationResult, RowSet } from './core'
import { accept, created, defineMutation, reject } from './core'
import { outOfScope, text } from './guards'
import { boundedText } from '../text'

export type RemarkSubjectType = Remark['subjectType']
export type RemarkKind = Remark['kind']

/** The table that holds each kind of subject. */
export const subjectTables = {
  suggestion: 'suggestions',
  meeting: 'meetings',
  topic: 'topics',
  decision: 'decisions',
  escalation: 'escalations',
} as const satisfies Record<RemarkSubjectType, string>

/** A remark row written by `actor` at `now` (used by every mutation that records a reason or a note). */
export function remarkChange(
  remarkId: string,
  now: string,
  actor: Actor,
  fields: Pick<Remark, 'villageId' | 'subjectType' | 'subjectId' | 'kind' | 'text'> & {
    speaker?: string | null
    meetingId?: string | null
  },
): Change {
  const { meetingId, ...rest } = fields
  return {
    table: 'remarks',
    // A remark said at no meeting carries no meetingId at all, as remarks did before there was one.
    row: { ...created(remarkId, now), speaker: null, ...rest, authorId: actor.memberId, ...(meetingId ? { meetingId } : {}) },
  }
}

/**
 * Check that the meeting a remark or suggestion names (if any) is one of the same village.
 * Returns a refusal, or null when there is no meeting or it fits.
 */
export function checkMeeting(rows: RowSet, meetingId: string | null | undefined, villageId: string): MutationResult | null {
  if (!meetingId) return null
  const meeting = rows.get('meetings', meetingId)
  if (!meeting) return reject('not_found', 'meetingId')
  return meeting.villageId === villageId ? null : reject('invalid_args', 'meetingId')
}

/** Which subjects and kinds each role may write remarks on. */
const remarkRights: Partial<Record<Actor['role'], { subjects: readonly RemarkSubjectType[]; kinds: readonly RemarkKind[] }>> = {
  cadre: { subjects: remark.shape.subjectType.options, kinds: remarkKinds },
  // A collector passes on what a villager said at the door.
  collector: { subjects: ['suggestion'], kinds: ['note', 'feedback'] },
  // Township staff record how an escalated matter is being worked.
  township: { subjects: ['escalation'], kinds: ['progress', 'note'] },
}

/** Whether this role may write a remark of this kind on this kind of subject (before scope checks). */
export function mayRemark(role: Actor['role'], subjectType: RemarkSubjectType, kind: RemarkKind): boolean {
  const rights = remarkRights[role]
  return rights !== undefined && rights.subjects.includes(subjectType) && rights.kinds.includes(kind)
}

/** Load a remark's (or attachment's) subject and check it lies in the actor's scope. */
export function loadSubject(
  rows: RowSet,
  actor: Actor,
  subjectType: RemarkSubjectType,
  subjectId: string,
): { villageId: string } | { refusal: MutationResult } {
  const subject = rows.get(subjectTables[subjectType], subjectId)
  if (!subject) return { refusal: reject('not_found', 'subjectId') }
  const townshipId = 'townshipId' in subject ? subject.townshipId : undefined
  const refusal = outOfScope(actor, subject.villageId, 'subjectId', townshipId)
  return refusal ? { refusal } : { villageId: subject.villageId }
}

export const addRemarkArgs = z.object({
  id,
  subjectType: z.enum(remark.shape.subjectType.options),
  subjectId: id,
  kind: z.enum(remarkKinds),
  text: text('text', 1, 4000),
  speaker: boundedText(40, 'speaker_too_long').nullable().default(null),
  /** The meeting at which it was said (meeting mode sends it): the report-back and minutes read it. */
  meetingId: id.nullable().optional(),
})
export type AddRemarkArgs = z.input<typeof addRemarkArgs>

/**
 * Append a remark to a subject in the actor's scope. Cadres write any kind on anything of their
 * village; collectors notes and feedback on suggestions; township staff progress and notes on
 * their township's escalations. A blank speaker is stored as null. A `meetingId` must name a
 * meeting of the same village.
 */
export const addRemark = defineMutation({
  name: 'remark.add',
  args: addRemarkArgs,
  reads: (args) => [
    { table: subjectTables[args.subjectType], id: args.subjectId },
    { table: 'remarks', id: args.id },
    ...(args.meetingId ? [{ table: 'meetings' as const, id: args.meetingId }] : []),
  ],
  apply({ args, actor, rows, now }) {
    const subject = loadSubject(rows, actor, args.subjectType, args.subjectId)
    if ('refusal' in subject) return subject.refusal
    if (!mayRemark(actor.role, args.subjectType, args.kind)) return reject('forbidden')
    if (rows.exists('remarks', args.id)) return reject('conflict', 'id')
    const meeting = checkMeeting(rows, args.meetingId, subject.villageId)
    if (meeting) return meeting
    return accept(remarkChange(args.id, now, actor, {
      villageId: subject.villageId,
      subjectType: args.subjectType,
      subjectId: args.subjectId,
      kind: args.kind,
      text: args.text,
      speaker: args.speaker || null,
      meetingId: args.meetingId,
    }))
  },
})
