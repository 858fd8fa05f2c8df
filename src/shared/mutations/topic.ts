// Topics (议题): a meeting's ordered agenda items, each grouping suggestions. A topic's
// `suggestionIds` is what it grouped (kept as history); a suggestion's `topicId` is where it is
// now, so a topic's current suggestions are those of its list that still point back at it.
import { z } from 'zod'
import type { Actor } from '../actor'
import { suggestionMachine } from '../machines'
import type { Meeting, Suggestion, Topic } from '../records'
import { id } from '../records'
import type { Change, MutationResult, RowSet } from './core'
import { accept, created, defineMutation, reject, updated } from './core'
import { idList, notRole, outOfScope, refuseTransition, staleList, text } from './guards'
import { mutationRoles } from './permissions'
import { agendaOpen, listedSuggestions } from './suggestionTriage'

/** The suggestions of a topic's list that are still on it. */
export function currentSuggestions(topic: Topic, suggestions: readonly Suggestion[]): Suggestion[] {
  return suggestions.filter((one) => one.topicId === topic.id && topic.suggestionIds.includes(one.id))
}

/**
 * Load a topic and its meeting, and check both are in scope, the actor is a cadre, the topic
 * belongs to that meeting and the meeting's status is one of `statuses`.
 */
export function loadTopic(
  rows: RowSet,
  actor: Actor,
  topicId: string,
  meetingId: string,
  statuses: readonly Meeting['status'][],
  topicField = 'topicId',
): { topic: Topic; meeting: Meeting } | { refusal: MutationResult } {
  const topic = rows.get('topics', topicId)
  if (!topic) return { refusal: reject('not_found', topicField) }
  const meeting = rows.get('meetings', meetingId)
  if (!meeting) return { refusal: reject('not_found', 'meetingId') }
  const refusal =
    outOfScope(actor, topic.villageId, topicField) ??
    outOfScope(actor, meeting.villageId, 'meetingId') ??
    notRole(actor, mutationRoles['topic.update']) ??
    (topic.meetingId === meeting.id ? null : reject('invalid_args', 'meetingId', 'other_meeting')) ??
    (statuses.includes(meeting.status) ? null : reject('illegal_transition', 'meetingId', meeting.status))
  return refusal ? { refusal } : { topic, meeting }
}

const title = text('title', 1, 200)
const order = z.number().int('order_invalid').min(0, 'order_invalid').max(1000, 'order_invalid')

export const createTopicArgs = z.object({ id, meetingId: id, title, order })
export type CreateTopicArgs = z.input<typeof createTopicArgs>

/** Add a topic to a meeting that has not closed (a topic may also be raised on the evening). */
export const createTopic = defineMutation({
  name: 'topic.create',
  args: createTopicArgs,
  reads: (args) => [{ table: 'meetings', id: args.meetingId }, { table: 'topics', id: args.id }],
  apply({ args, actor, rows, now }) {
    const meeting = rows.get('meetings', args.meetingId)
    if (!meeting) return reject('not_found', 'meetingId')
    const refusal = outOfScope(actor, meeting.villageId, 'meetingId') ?? notRole(actor, mutationRoles['topic.create'])
    if (refusal) return refusal
    if (!agendaOpen.includes(meeting.status)) return reject('illegal_transition', 'meetingId', meeting.status)
    if (rows.exists('topics', args.id)) return reject('conflict', 'id')
    return accept({
      table: 'topics',
      row: {
        ...created(args.id, now), villageId: meeting.villageId, meetingId: meeting.id, title: args.title,
        order: args.order, suggestionIds: [], outcome: 'pending',
      },
    })
  },
})

export const updateTopicArgs = z.object({ id, meetingId: id, title })
export type UpdateTopicArgs = z.input<typeof updateTopicArgs>

/** Rename a topic of a meeting that has not closed. */
export const updateTopic = defineMutation({
  name: 'topic.update',
  args: updateTopicArgs,
  reads: (args) => [{ table: 'topics', id: args.id }, { table: 'meetings', id: args.meetingId }],
  apply({ args, actor, rows, now }) {
    const loaded = loadTopic(rows, actor, args.id, args.meetingId, agendaOpen, 'id')
    if ('refusal' in loaded) return loaded.refusal
    return accept({ table: 'topics', row: updated(loaded.topic, { title: args.title }, now) })
  },
})

export const reorderTopicsArgs = z.object({ meetingId: id, topicIds: idList(1, 100) })
export type ReorderTopicsArgs = z.input<typeof reorderTopicsArgs>

/** Put a meeting's topics in the given order (`order` = position); only moved topics change. */
export const reorderTopics = defineMutation({
  name: 'topic.reorder',
  args: reorderTopicsArgs,
  reads: (args) => [
    { table: 'meetings', id: args.meetingId },
    ...args.topicIds.map((one) => ({ table: 'topics' as const, id: one })),
  ],
  apply({ args, actor, rows, now }) {
    const meeting = rows.get('meetings', args.meetingId)
    if (!meeting) return reject('not_found', 'meetingId')
    const topics: Topic[] = []
    for (const [i, one] of args.topicIds.entries()) {
      const topic = rows.get('topics', one)
      if (!topic) return reject('not_found', `topicIds.${i}`)
      topics.push(topic)
    }
    const scope = outOfScope(actor, meeting.villageId, 'meetingId') ??
      topics.reduce<MutationResult | null>((found, topic, i) => found ?? outOfScope(actor, topic.villageId, `topicIds.${i}`), null)
    if (scope) return scope
    const role = notRole(actor, mutationRoles['topic.reorder'])
    if (role) return role
    const elsewhere = topics.findIndex((topic) => topic.meetingId !== meeting.id)
    if (elsewhere >= 0) return reject('invalid_args', `topicIds.${elsewhere}`, 'other_meeting')
    if (!agendaOpen.includes(meeting.status)) return reject('illegal_transition', 'meetingId', meeting.status)
    const changes: Change[] = topics
      .map((topic, position) => ({ topic, position }))
      .filter(({ topic, position }) => topic.order !== position)
      .map(({ topic, position }) => ({ table: 'topics', row: updated(topic, { order: position }, now) }))
    return accept(...changes)
  },
})

/**
 * The changes of a topic leaving the agenda (deferred or removed): the topic as it becomes, and its
 * current suggestions still waiting on it back to the inbox (`new`, through `unschedule`).
 */
function topicLeavesAgenda(
  rows: RowSet,
  actor: Actor,
  topic: Topic,
  listed: readonly string[],
  becomes: Topic,
  now: string,
): MutationResult {
  const changes: Change[] = [{ table: 'topics', row: becomes }]
  for (const one of currentSuggestions(topic, listedSuggestions(rows, listed))) {
    if (one.status !== 'on_agenda') continue
    const refusal = refuseTransition(suggestionMachine, 'unschedule', one.status, actor, 'suggestionIds')
    if (refusal) return refusal
    changes.push({ table: 'suggestions', row: updated(one, { status: 'new', topicId: null }, now) })
  }
  return accept(...changes)
}

export const deferTopicArgs = z.object({
  id,
  meetingId: id,
  /** The topic's `suggestionIds` as the device has them (refused if the topic's list changed). */
  suggestionIds: z.array(id).max(200),
})
export type DeferTopicArgs = z.input<typeof deferTopicArgs>

/**
 * Defer a topic at the meeting to a later one: its outcome becomes `deferred` and its current
 * suggestions that are still on the agenda go back to the inbox (`new`, through `unschedule`), so
 * the branch triages them again for the next meeting; the topic keeps its list as history.
 */
export const deferTopic = defineMutation({
  name: 'topic.defer',
  args: deferTopicArgs,
  reads: (args) => [
    { table: 'topics', id: args.id },
    { table: 'meetings', id: args.meetingId },
    ...args.suggestionIds.map((one) => ({ table: 'suggestions' as const, id: one })),
  ],
  apply({ args, actor, rows, now }) {
    const loaded = loadTopic(rows, actor, args.id, args.meetingId, ['in_progress'], 'id')
    if ('refusal' in loaded) return loaded.refusal
    const { topic } = loaded
    if (topic.outcome !== 'pending') return reject('illegal_transition', 'id', topic.outcome)
    const stale = staleList(topic.suggestionIds, args.suggestionIds, 'suggestionIds')
    if (stale) return stale
    return topicLeavesAgenda(rows, actor, topic, args.suggestionIds, updated(topic, { outcome: 'deferred' }, now), now)
  },
})

export const removeTopicArgs = z.object({
  id,
  meetingId: id,
  /** The topic's `suggestionIds` as the device has them (refused if the topic's list changed). */
  suggestionIds: z.array(id).max(200),
})
export type RemoveTopicArgs = z.input<typeof removeTopicArgs>

/**
 * Take a topic off the agenda before its meeting starts: the topic is deleted (a tombstone) and its
 * current suggestions go back to the inbox (`new`) for the branch to triage again. Once the meeting
 * is under way a topic is deferred instead, so the minutes keep it.
 */
export const removeTopic = defineMutation({
  name: 'topic.remove',
  args: removeTopicArgs,
  reads: (args) => [
    { table: 'topics', id: args.id },
    { table: 'meetings', id: args.meetingId },
    ...args.suggestionIds.map((one) => ({ table: 'suggestions' as const, id: one })),
  ],
  apply({ args, actor, rows, now }) {
    const loaded = loadTopic(rows, actor, args.id, args.meetingId, ['draft', 'announced'], 'id')
    if ('refusal' in loaded) return loaded.refusal
    const { topic } = loaded
    if (topic.deletedAt !== null) return reject('not_found', 'id')
    const stale = staleList(topic.suggestionIds, args.suggestionIds, 'suggestionIds')
    if (stale) return stale
    return topicLeavesAgenda(rows, actor, topic, args.suggestionIds, updated(topic, { deletedAt: now }, now), now)
  },
})
