// Decisions taken on the spot (当场拍板): a text, a named person (专人) and a deadline (时限), for a
// topic. Completing one needs evidence and resolves the topic's decided suggestions.
import { z } from 'zod'
import type { Actor } from '../actor'
import { decisionMachine, suggestionMachine } from '../machines'
import type { Decision, Suggestion, Topic } from '../records'
import { decisionKinds, id } from '../records'
import type { Change, MutationResult, RowRef, RowSet } from './core'
import { accept, created, defineMutation, reject, updated } from './core'
import { attachmentChange, blobFields } from './attachment'
import {
  chainTransitions, dateArg, notRole, outOfScope, refuseTransition, rolesOf, shanghaiDate, staleList, text,
} from './guards'
import { remarkChange } from './remark'
import { currentSuggestions, loadTopic } from './topic'
import { listedSuggestions } from './suggestionTriage'

/** The topic's `suggestionIds` as the device has them (refused if the topic's list changed since). */
const topicSuggestionIds = z.array(id).max(200)

export const createDecisionArgs = z.object({
  id,
  meetingId: id,
  topicId: id,
  suggestionIds: topicSuggestionIds,
  text: text('text', 2, 2000),
  owner: text('owner', 1, 40),
  /** 时限: the app turns "N working days" into a date with the working-day calendar. */
  dueOn: dateArg,
  kind: z.enum(decisionKinds),
})
export type CreateDecisionArgs = z.input<typeof createDecisionArgs>

/**
 * 时限 as the app asks for it: a whole number of working days from today, 1–60 (as typed, so a
 * string is read as a number). The app turns it into `dueOn`; the server sees only the date.
 */
export const dueWorkingDays = z.coerce
  .number('days_invalid')
  .int('days_invalid')
  .min(1, 'days_invalid')
  .max(60, 'days_invalid')

/**
 * Decide a topic at the meeting (the meeting is in progress). The topic's outcome becomes
 * `decided` (an escalated one keeps `escalated`: part of it went to the township) and its current
 * suggestions still in the inbox or on the agenda take the `decide` transition; the others already
 * have an outcome of their own (answered on the spot, escalated, or decided by an earlier decision).
 * The deadline may not be before the meeting's day — checked against the meeting, not the clock,
 * so a decision synced days later from a phone that was offline is not refused.
 */
export const createDecision = defineMutation({
  name: 'decision.create',
  args: createDecisionArgs,
  reads: (args) => [
    { table: 'topics', id: args.topicId },
    { table: 'meetings', id: args.meetingId },
    { table: 'decisions', id: args.id },
    ...args.suggestionIds.map((one) => ({ table: 'suggestions' as const, id: one })),
  ],
  apply({ args, actor, rows, now }) {
    const loaded = loadTopic(rows, actor, args.topicId, args.meetingId, ['in_progress'])
    if ('refusal' in loaded) return loaded.refusal
    const { topic, meeting } = loaded
    if (topic.outcome === 'deferred') return reject('illegal_transition', 'topicId', topic.outcome)
    const stale = staleList(topic.suggestionIds, args.suggestionIds, 'suggestionIds')
    if (stale) return stale
    if (args.dueOn < shanghaiDate(meeting.startsAt)) return reject('invalid_args', 'dueOn', 'due_before_meeting')
    if (rows.exists('decisions', args.id)) return reject('conflict', 'id')
    const changes: Change[] = [{
      table: 'decisions',
      row: {
        ...created(args.id, now), villageId: topic.villageId, meetingId: meeting.id, topicId: topic.id,
        text: args.text, owner: args.owner, dueOn: args.dueOn, kind: args.kind, status: 'open',
      },
    }]
    if (topic.outcome === 'pending') changes.push({ table: 'topics', row: updated(topic, { outcome: 'decided' }, now) })
    const moved = moveSuggestions(topic, listedSuggestions(rows, args.suggestionIds), actor, now, {
      new: ['decide'], on_agenda: ['decide'],
    })
    if ('refusal' in moved) return moved.refusal
    return accept(...changes, ...moved.changes)
  },
})

/**
 * Take a topic's current suggestions through the transitions listed for their status (each
 * checked; any refusal refuses all). Suggestions in a status not listed are left as they are.
 */
function moveSuggestions(
  topic: Topic | undefined,
  listed: readonly Suggestion[],
  actor: Actor,
  now: string,
  paths: Partial<Record<Suggestion['status'], readonly ('decide' | 'resolve' | 'reopen')[]>>,
): { changes: Change[] } | { refusal: MutationResult } {
  const changes: Change[] = []
  for (const one of topic ? currentSuggestions(topic, listed) : []) {
    const path = paths[one.status]
    if (!path) continue
    const moved = chainTransitions(suggestionMachine, path, one.status, actor, 'suggestionIds')
    if ('refusal' in moved) return moved
    changes.push({ table: 'suggestions', row: updated(one, { status: moved.to }, now) })
  }
  return { changes }
}

/** Load a decision and check scope, role and the transition (field `id`). */
function loadDecision(
  rows: RowSet,
  actor: Actor,
  decisionId: string,
  transition: 'complete' | 'cancel' | 'reopen',
): { decision: Decision } | { refusal: MutationResult } {
  const decision = rows.get('decisions', decisionId)
  if (!decision) return { refusal: reject('not_found', 'id') }
  const refusal =
    outOfScope(actor, decision.villageId, 'id') ??
    notRole(actor, rolesOf(decisionMachine, transition)) ??
    refuseTransition(decisionMachine, transition, decision.status, actor, 'id')
  return refusal ? { refusal } : { decision }
}

/**
 * The decision's topic, as named in the arguments (null for a decision without one), with the
 * device's copy of its list checked against the stored one.
 */
function loadDecisionTopic(
  rows: RowSet,
  decision: Decision,
  args: { topicId: string | null; suggestionIds: string[] },
): { topic: Topic | undefined } | { refusal: MutationResult } {
  if (args.topicId !== decision.topicId) return { refusal: reject('invalid_args', 'topicId', 'other_topic') }
  const topic = args.topicId ? rows.get('topics', args.topicId) : undefined
  const stale = staleList(topic?.suggestionIds ?? [], args.suggestionIds, 'suggestionIds')
  return stale ? { refusal: stale } : { topic }
}

function topicReads(args: { topicId: string | null; suggestionIds: string[] }): RowRef[] {
  return [
    ...(args.topicId ? [{ table: 'topics' as const, id: args.topicId }] : []),
    ...args.suggestionIds.map((one) => ({ table: 'suggestions' as const, id: one })),
  ]
}

export const completeDecisionArgs = z.object({
  id,
  /** The decision's topic (null when it has none) and that topic's `suggestionIds`. */
  topicId: id.nullable(),
  suggestionIds: topicSuggestionIds,
  /** Evidence (销号凭据): what was done; stored as a progress remark on the decision. */
  note: text('note', 2, 2000),
  remarkId: id,
  /** Photos (or a voice note) taken as evidence, already uploaded by hash. */
  attachments: z.array(blobFields).max(5, 'too_many_attachments').default([]),
})
export type CompleteDecisionArgs = z.input<typeof completeDecisionArgs>

/**
 * Cross a decision off (open → done) with a note as evidence and optional photos. The topic's
 * current suggestions that are `decided` become `resolved` here (there is no separate
 * `suggestion.resolve`); the villagers' callback then closes or reopens each.
 */
export const completeDecision = defineMutation({
  name: 'decision.complete',
  args: completeDecisionArgs,
  reads: (args) => [
    { table: 'decisions', id: args.id },
    { table: 'remarks', id: args.remarkId },
    ...args.attachments.map((blob) => ({ table: 'attachments' as const, id: blob.id })),
    ...topicReads(args),
  ],
  apply({ args, actor, rows, now }) {
    const loaded = loadDecision(rows, actor, args.id, 'complete')
    if ('refusal' in loaded) return loaded.refusal
    const { decision } = loaded
    const topic = loadDecisionTopic(rows, decision, args)
    if ('refusal' in topic) return topic.refusal
    if (rows.exists('remarks', args.remarkId)) return reject('conflict', 'remarkId')
    const taken = args.attachments.findIndex((blob) => rows.exists('attachments', blob.id))
    if (taken >= 0) return reject('conflict', `attachments.${taken}.id`)
    const moved = moveSuggestions(topic.topic, listedSuggestions(rows, args.suggestionIds), actor, now, {
      decided: ['resolve'],
    })
    if ('refusal' in moved) return moved.refusal
    const subject = { villageId: decision.villageId, subjectType: 'decision' as const, subjectId: decision.id }
    return accept(
      { table: 'decisions', row: updated(decision, { status: 'done' }, now) },
      remarkChange(args.remarkId, now, actor, { ...subject, kind: 'progress', text: args.note }),
      ...args.attachments.map((blob) => attachmentChange(blob, now, subject)),
      ...moved.changes,
    )
  },
})

export const cancelDecisionArgs = z.object({ id, reason: text('reason', 2, 500), remarkId: id })
export type CancelDecisionArgs = z.input<typeof cancelDecisionArgs>

/**
 * Cancel an open decision with a reason (kept as a note on it). Its suggestions stay `decided`
 * until the branch puts them on an agenda again (`schedule` starts from `decided` for this).
 */
export const cancelDecision = defineMutation({
  name: 'decision.cancel',
  args: cancelDecisionArgs,
  reads: (args) => [{ table: 'decisions', id: args.id }, { table: 'remarks', id: args.remarkId }],
  apply({ args, actor, rows, now }) {
    const loaded = loadDecision(rows, actor, args.id, 'cancel')
    if ('refusal' in loaded) return loaded.refusal
    const { decision } = loaded
    if (rows.exists('remarks', args.remarkId)) return reject('conflict', 'remarkId')
    return accept(
      { table: 'decisions', row: updated(decision, { status: 'cancelled' }, now) },
      remarkChange(args.remarkId, now, actor, {
        villageId: decision.villageId, subjectType: 'decision', subjectId: decision.id, kind: 'note', text: args.reason,
      }),
    )
  },
})

export const reopenDecisionArgs = z.object({
  id,
  topicId: id.nullable(),
  suggestionIds: topicSuggestionIds,
  reason: text('reason', 2, 500),
  remarkId: id,
})
export type ReopenDecisionArgs = z.input<typeof reopenDecisionArgs>

/**
 * Reopen a done decision (it was not really done, or a villager's callback said so): it is open
 * again and comes back in the next report-back. The topic's current suggestions it had resolved
 * come back to `decided` — `resolved` ones through reopen → decide, ones already reopened by a
 * rating (`on_agenda`) through decide; suggestions a satisfied villager closed stay closed.
 */
export const reopenDecision = defineMutation({
  name: 'decision.reopen',
  args: reopenDecisionArgs,
  reads: (args) => [
    { table: 'decisions', id: args.id },
    { table: 'remarks', id: args.remarkId },
    ...topicReads(args),
  ],
  apply({ args, actor, rows, now }) {
    const loaded = loadDecision(rows, actor, args.id, 'reopen')
    if ('refusal' in loaded) return loaded.refusal
    const { decision } = loaded
    const topic = loadDecisionTopic(rows, decision, args)
    if ('refusal' in topic) return topic.refusal
    if (rows.exists('remarks', args.remarkId)) return reject('conflict', 'remarkId')
    const moved = moveSuggestions(topic.topic, listedSuggestions(rows, args.suggestionIds), actor, now, {
      resolved: ['reopen', 'decide'], on_agenda: ['decide'],
    })
    if ('refusal' in moved) return moved.refusal
    return accept(
      { table: 'decisions', row: updated(decision, { status: 'open' }, now) },
      remarkChange(args.remarkId, now, actor, {
        villageId: decision.villageId, subjectType: 'decision', subjectId: decision.id, kind: 'note', text: args.reason,
      }),
      ...moved.changes,
    )
  },
})
