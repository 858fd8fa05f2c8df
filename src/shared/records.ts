import { z } from 'zod'
import { yearData } from './calendar/yearData'
import { PHONE_PATTERN } from './patterns'
import type { DeadlinePolicy } from './policy'
import { decisionStatuses, escalationStatuses, meetingStatuses, suggestionStatuses } from './statuses'

export { decisionStatuses, escalationStatuses, meetingStatuses, suggestionStatuses }

/** Roles of enrolled members; a villager has no account and acts through a village link. */
export const memberRoles = ['cadre', 'collector', 'township', 'admin'] as const
export const actorRoles = ['villager', ...memberRoles] as const
export type MemberRole = (typeof memberRoles)[number]
export type ActorRole = (typeof actorRoles)[number]

export const suggestionSources = ['villager', 'collector', 'on_site', 'hotline'] as const
export const suggestionCategories = [
  'infrastructure', 'environment', 'agriculture', 'welfare', 'dispute', 'governance', 'other',
] as const
export const decisionKinds = ['action', 'rule'] as const
export const topicOutcomes = ['pending', 'decided', 'escalated', 'deferred'] as const
export const remarkKinds = ['view', 'followup', 'progress', 'feedback', 'note'] as const
export const ratingOutcomes = ['resolved', 'partly', 'unresolved'] as const

export type SuggestionStatus = (typeof suggestionStatuses)[number]
export type SuggestionSource = (typeof suggestionSources)[number]
export type SuggestionCategory = (typeof suggestionCategories)[number]
export type MeetingStatus = (typeof meetingStatuses)[number]
export type DecisionStatus = (typeof decisionStatuses)[number]
export type EscalationStatus = (typeof escalationStatuses)[number]

/** UUIDv7 (client-made ids sort by creation time). */
export const id = z.uuid()
/** ISO-8601 instant, e.g. 2026-10-01T12:00:00.000Z. */
export const instant = z.iso.datetime({ offset: true })
/** Calendar date in Asia/Shanghai, YYYY-MM-DD. */
export const isoDate = z.iso.date()
/** A Chinese mobile number (11 digits starting with 1) or a landline with area code. */
export const phone = z.string().trim().regex(PHONE_PATTERN, 'phone_invalid')

/** Fields every synced record carries; version and times are stamped by the server. */
export const base = z.object({
  id,
  version: z.number().int().nonnegative(),
  createdAt: instant,
  updatedAt: instant,
  deletedAt: instant.nullable(),
})

/** Working days of a township's deadline policy; each 1–30. */
const policyDays = z.number().int().min(1).max(30)

/**
 * A township's deadline policy, in working days (`DeadlinePolicy`, ./policy). Fields added after
 * the first release default when a stored policy lacks them (read it with `policyOf`).
 */
export const deadlinePolicy = z.object({
  /** A village (or grid) answers within this. */
  villageDays: policyDays,
  /** A township department resolves within this. */
  townshipDays: policyDays,
  /** A matter beyond the township is forwarded upward within this. */
  upwardDays: policyDays,
  /** The township accepts (or returns) a new escalation within this. */
  acceptDays: policyDays.default(1),
  /** The assigned department acknowledges (报到) within this. */
  reportDays: policyDays.default(1),
  /** A resolved escalation may be crossed off (销号) without the village's feedback after this. */
  closeAfterDays: policyDays.default(5),
})
// The policy's type, its defaults and `policyOf` are in ./policy (no zod); the schema must agree.
export type { DeadlinePolicy } from './policy'
export { defaultDeadlinePolicy, policyOf } from './policy'
const samePolicy: z.infer<typeof deadlinePolicy> extends DeadlinePolicy ? (DeadlinePolicy extends z.infer<typeof deadlinePolicy> ? true : false) : false = true
void samePolicy

/** Most holiday years a township may hold beyond the bundled ones. */
export const maxHolidayYears = 30

export const township = base.extend({
  name: z.string().min(1).max(60),
  policy: deadlinePolicy,
  /**
   * Holiday years the township's administrator entered (migration 007), on top of the bundled
   * ones (`calendarOf`); absent when none. One entry per year, replacing a bundled year.
   */
  holidayYears: z.array(yearData).max(maxHolidayYears).optional(),
})
export const village = base.extend({
  townshipId: id,
  name: z.string().min(1).max(60),
  /** Short public code used in the villager link /v/<code>. */
  code: z.string().regex(/^[a-z0-9]{4,12}$/),
})
export const member = base.extend({
  townshipId: id,
  villageId: id.nullable(),
  name: z.string().min(1).max(40),
  role: z.enum(memberRoles),
})

export const rating = z.object({
  stars: z.number().int().min(1).max(5),
  outcome: z.enum(ratingOutcomes),
  ratedAt: instant,
  /** 'villager': given by the villager on the village page; absent: a member's callback on their behalf. */
  by: z.enum(['villager']).optional(),
  /** The villager's own line with the rating (a member's callback keeps it as a feedback remark). */
  note: z.string().max(500).optional(),
})

export const suggestion = base.extend({
  villageId: id,
  content: z.string().trim().min(2).max(2000),
  category: z.enum(suggestionCategories),
  source: z.enum(suggestionSources),
  submitterName: z.string().trim().max(40).nullable(),
  submitterPhone: phone.nullable(),
  /** The villager agreed that their name may appear on the public board. */
  publicName: z.boolean(),
  /** Member who typed it in on the villager's behalf; null when the villager submitted it. */
  enteredBy: id.nullable(),
  receiptCode: z.string().regex(/^[A-Z0-9]{8}$/),
  status: z.enum(suggestionStatuses),
  topicId: id.nullable(),
  mergedInto: id.nullable(),
  answer: z.string().max(2000).nullable(),
  declineReason: z.string().max(500).nullable(),
  rating: rating.nullable(),
  attachmentIds: z.array(z.string()).max(10),
  /**
   * The meeting it was raised at (an `on_site` question in meeting mode). Absent when it was not
   * raised at a meeting, and on rows recorded before meetings were named (see `recordedAt`).
   */
  meetingId: id.nullable().optional(),
})

export const meeting = base.extend({
  villageId: id,
  title: z.string().trim().min(1).max(100),
  startsAt: instant,
  place: z.string().trim().min(1).max(100),
  status: z.enum(meetingStatuses),
  attendance: z.number().int().min(0).max(100000),
  noticeText: z.string().max(4000).nullable(),
  summary: z.string().max(8000).nullable(),
})

export const topic = base.extend({
  villageId: id,
  meetingId: id,
  title: z.string().trim().min(1).max(200),
  order: z.number().int().min(0),
  suggestionIds: z.array(id),
  outcome: z.enum(topicOutcomes),
})

export const remark = base.extend({
  villageId: id,
  subjectType: z.enum(['suggestion', 'meeting', 'topic', 'decision', 'escalation']),
  subjectId: id,
  kind: z.enum(remarkKinds),
  text: z.string().trim().min(1).max(4000),
  speaker: z.string().trim().max(40).nullable(),
  authorId: id.nullable(),
  /** The meeting it was said at (a report-back, a view); absent elsewhere and on older rows. */
  meetingId: id.nullable().optional(),
})

export const decision = base.extend({
  villageId: id,
  meetingId: id.nullable(),
  topicId: id.nullable(),
  text: z.string().trim().min(2).max(2000),
  owner: z.string().trim().min(1).max(40),
  dueOn: isoDate,
  kind: z.enum(decisionKinds),
  status: z.enum(decisionStatuses),
})

export const escalation = base.extend({
  villageId: id,
  townshipId: id,
  topicId: id.nullable(),
  suggestionIds: z.array(id),
  title: z.string().trim().min(2).max(200),
  details: z.string().trim().max(4000),
  status: z.enum(escalationStatuses),
  department: z.string().max(60).nullable(),
  assignee: z.string().max(40).nullable(),
  coordinationOn: isoDate.nullable(),
  dueOn: isoDate.nullable(),
  resolution: z.string().max(4000).nullable(),
  feedback: z.string().max(2000).nullable(),
  // The desk's clocks (migration 006): when each step happened. Absent until it has; rows from
  // before 006 were backfilled from createdAt/updatedAt (see the migration).
  /** Sent to the township (again, after a return). */
  submittedAt: instant.optional(),
  acceptedAt: instant.optional(),
  /** Last 交办 (a reassignment restarts 报到). */
  assignedAt: instant.optional(),
  /** The assigned department acknowledged (吹哨报到), recorded by township staff. */
  reportedAt: instant.optional(),
  /** Last 办结. */
  resolvedAt: instant.optional(),
  closedAt: instant.optional(),
  /** The village found the result not good enough (部分解决 / 没解决) and it went back to work. */
  reopenedAt: instant.optional(),
  /** When the village's `feedback` was given. */
  feedbackAt: instant.optional(),
  /** The village's callback on the township's result (the cadre's, on the villagers' behalf). */
  rating: rating.optional(),
})

/** Longest original file name an attachment keeps. */
export const ATTACHMENT_NAME_MAX = 120

export const attachment = base.extend({
  villageId: id,
  /** Hex SHA-256 of the bytes; the blob is stored by this hash. */
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  /** A photo, a voice note, or a document file (办结's scanned reply letter: PDF). */
  kind: z.enum(['photo', 'audio', 'file']),
  mime: z.string().max(100),
  /** A file's original name, shown and used when it is downloaded (008; absent on photos and voice notes). */
  name: z.string().max(ATTACHMENT_NAME_MAX).optional(),
  size: z.number().int().min(1).max(10 * 1024 * 1024),
  subjectType: z.enum(['suggestion', 'meeting', 'decision', 'escalation']),
  subjectId: id,
})

export type Township = z.infer<typeof township>
export type Village = z.infer<typeof village>
export type Member = z.infer<typeof member>
export type Suggestion = z.infer<typeof suggestion>
/** A rating of a result: on a suggestion (a villager's own, or a callback for them) or on an escalation (the callback). */
export type Rating = z.infer<typeof rating>
export type Meeting = z.infer<typeof meeting>
export type Topic = z.infer<typeof topic>
export type Remark = z.infer<typeof remark>
export type Decision = z.infer<typeof decision>
export type Escalation = z.infer<typeof escalation>
export type Attachment = z.infer<typeof attachment>

/** The synced tables and the shape of their rows. */
export interface Tables {
  townships: Township
  villages: Village
  members: Member
  suggestions: Suggestion
  meetings: Meeting
  topics: Topic
  remarks: Remark
  decisions: Decision
  escalations: Escalation
  attachments: Attachment
}
export type TableName = keyof Tables
export const tableNames = [
  'townships', 'villages', 'members', 'suggestions', 'meetings', 'topics', 'remarks', 'decisions',
  'escalations', 'attachments',
] as const satisfies readonly TableName[]

export const recordSchemas = {
  townships: township, villages: village, members: member, suggestions: suggestion,
  meetings: meeting, topics: topic, remarks: remark, decisions: decision, escalations: escalation,
  attachments: attachment,
} as const satisfies { [T in TableName]: z.ZodType<Tables[T]> }
