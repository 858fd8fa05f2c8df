// Triage (支部讨论): every suggestion leaves the inbox through one of these — onto a meeting's
// agenda, merged into a duplicate, answered directly, or declined with a reason.
import { z } from 'zod'
import type { Actor } from '../actor'
import { suggestionMachine } from '../machines'
import type { MeetingStatus, Suggestion, Topic } from '../records'
import { id } from '../records'
import type { Change, MutationResult, RowSet } from './core'
import { accept, created, defineMutation, reject, updated } from './core'
import { idList, notRole, outOfScope, refuseTransition, rolesOf, text } from './guards'

/** Load the listed suggestions, or the `not_found` of the first missing one. */
export function loadSuggestions(
  rows: RowSet,
  ids: readonly string[],
  field = 'suggestionIds',
): { suggestions: Suggestion[] } | { refusal: MutationResult } {
  const suggestions: Suggestion[] = []
  for (const [i, one] of ids.entries()) {
    const row = rows.get('suggestions', one)
    if (!row) return { refusal: reject('not_found', `${field}.${i}`) }
    suggestions.push(row)
  }
  return { suggestions }
}

/**
 * The live suggestions among ids another row lists (a topic's, an escalation's): one deleted since
 * is simply no longer there, which must not block the row that lists it.
 */
export function listedSuggestions(rows: RowSet, ids: readonly string[]): Suggestion[] {
  return ids.flatMap((one) => rows.get('suggestions', one) ?? [])
}

/** The first out-of-scope suggestion in a list. */
export function suggestionsOutOfScope(actor: Actor, suggestions: readonly Suggestion[], field = 'suggestionIds') {
  for (const [i, row] of suggestions.entries()) {
    const refusal = outOfScope(actor, row.villageId, `${field}.${i}`)
    if (refusal) return refusal
  }
  return null
}

/** Meetings whose agenda may still change. */
export const agendaOpen: readonly MeetingStatus[] = ['draft', 'announced', 'in_progress']

export const scheduleSuggestionsArgs = z.object({
  suggestionIds: idList(1, 50),
  meetingId: id,
  /** The topic to add them to; with `newTopic`, the id of the topic to create. */
  topicId: id,
  newTopic: z
    .object({
      title: text('title', 1, 200),
      order: z.number().int('order_invalid').min(0, 'order_invalid').max(1000, 'order_invalid'),
    })
    .optional(),
})
export type ScheduleSuggestionsArgs = z.input<typeof scheduleSuggestionsArgs>

/**
 * Put suggestions on a meeting's agenda, as a new topic or into an existing pending one. A
 * suggestion already on another agenda (e.g. reopened after a rating) moves over without a status
 * change; the others take the `schedule` transition. Any refusal refuses them all.
 */
export const scheduleSuggestions = defineMutation({
  name: 'suggestion.schedule',
  args: scheduleSuggestionsArgs,
  reads: (args) => [
    { table: 'meetings', id: args.meetingId },
    { table: 'topics', id: args.topicId },
    ...args.suggestionIds.map((one) => ({ table: 'suggestions' as const, id: one })),
  ],
  apply({ args, actor, rows, now }) {
    const meeting = rows.get('meetings', args.meetingId)
    if (!meeting) return reject('not_found', 'meetingId')
    const topic = args.newTopic ? undefined : rows.get('topics', args.topicId)
    if (!args.newTopic && !topic) return reject('not_found', 'topicId')
    const loaded = loadSuggestions(rows, args.suggestionIds)
    if ('refusal' in loaded) return loaded.refusal
    const scope =
      outOfScope(actor, meeting.villageId, 'meetingId') ??
      (topic ? outOfScope(actor, topic.villageId, 'topicId') : null) ??
      suggestionsOutOfScope(actor, loaded.suggestions)
    if (scope) return scope
    const role = notRole(actor, rolesOf(suggestionMachine, 'schedule'))
    if (role) return role
    if (!agendaOpen.includes(meeting.status)) return reject('illegal_transition', 'meetingId', meeting.status)
    if (topic && topic.meetingId !== meeting.id) return reject('invalid_args', 'topicId', 'other_meeting')
    if (topic && topic.outcome !== 'pending') return reject('illegal_transition', 'topicId', topic.outcome)
    const changes: Change[] = []
    for (const [i, row] of loaded.suggestions.entries()) {
      const field = `suggestionIds.${i}`
      if (row.status === 'on_agenda') {
        if (row.topicId === args.topicId) return reject('illegal_transition', field, row.status)
      } else {
        const refusal = refuseTransition(suggestionMachine, 'schedule', row.status, actor, field)
        if (refusal) return refusal
      }
      changes.push({ table: 'suggestions', row: updated(row, { status: 'on_agenda', topicId: args.topicId }, now) })
    }
    if (args.newTopic && rows.exists('topics', args.topicId)) return reject('conflict', 'topicId')
    let topicRow: Topic
    if (topic) {
      topicRow = updated(topic, { suggestionIds: [...new Set([...topic.suggestionIds, ...args.suggestionIds])] }, now)
    } else if (args.newTopic) {
      topicRow = {
        ...created(args.topicId, now), villageId: meeting.villageId, meetingId: meeting.id, title: args.newTopic.title,
        order: args.newTopic.order, suggestionIds: args.suggestionIds, outcome: 'pending',
      }
    } else {
      return reject('not_found', 'topicId')
    }
    return accept({ table: 'topics', row: topicRow }, ...changes)
  },
})

export const unscheduleSuggestionsArgs = z.object({
  suggestionIds: idList(1, 50),
  /** The topic they are on now (null for an item reopened without one). */
  topicId: id.nullable(),
})
export type UnscheduleSuggestionsArgs = z.input<typeof unscheduleSuggestionsArgs>

/**
 * Take suggestions off the agenda, back to the inbox (`new`). They leave the topic's list while
 * the topic is pending; a topic that already has an outcome keeps its list as history.
 */
export const unscheduleSuggestions = defineMutation({
  name: 'suggestion.unschedule',
  args: unscheduleSuggestionsArgs,
  reads: (args) => [
    ...(args.topicId ? [{ table: 'topics' as const, id: args.topicId }] : []),
    ...args.suggestionIds.map((one) => ({ table: 'suggestions' as const, id: one })),
  ],
  apply({ args, actor, rows, now }) {
    const topic = args.topicId ? rows.get('topics', args.topicId) : undefined
    if (args.topicId && !topic) return reject('not_found', 'topicId')
    const loaded = loadSuggestions(rows, args.suggestionIds)
    if ('refusal' in loaded) return loaded.refusal
    const scope = (topic ? outOfScope(actor, topic.villageId, 'topicId') : null) ??
      suggestionsOutOfScope(actor, loaded.suggestions)
    if (scope) return scope
    const role = notRole(actor, rolesOf(suggestionMachine, 'unschedule'))
    if (role) return role
    const changes: Change[] = []
    for (const [i, row] of loaded.suggestions.entries()) {
      const field = `suggestionIds.${i}`
      if (row.topicId !== args.topicId) return reject('invalid_args', field, 'not_in_topic')
      const refusal = refuseTransition(suggestionMachine, 'unschedule', row.status, actor, field)
      if (refusal) return refusal
      changes.push({ table: 'suggestions', row: updated(row, { status: 'new', topicId: null }, now) })
    }
    if (topic && topic.outcome === 'pending') {
      const leaving = new Set(args.suggestionIds)
      const suggestionIds = topic.suggestionIds.filter((one) => !leaving.has(one))
      changes.unshift({ table: 'topics', row: updated(topic, { suggestionIds }, now) })
    }
    return accept(...changes)
  },
})

/** Load one suggestion and run the shared checks of a single-suggestion triage transition. */
function triageOne(
  rows: RowSet,
  actor: Actor,
  suggestionId: string,
  transition: 'answer' | 'decline',
): { row: Suggestion } | { refusal: MutationResult } {
  const row = rows.get('suggestions', suggestionId)
  if (!row) return { refusal: reject('not_found', 'id') }
  const refusal =
    outOfScope(actor, row.villageId, 'id') ??
    notRole(actor, rolesOf(suggestionMachine, transition)) ??
    refuseTransition(suggestionMachine, transition, row.status, actor, 'id')
  return refusal ? { refusal } : { row }
}

export const answerSuggestionArgs = z.object({ id, answer: text('answer', 2, 2000) })
export type AnswerSuggestionArgs = z.input<typeof answerSuggestionArgs>

/** Answer a suggestion directly; the villager sees the answer with their receipt. */
export const answerSuggestion = defineMutation({
  name: 'suggestion.answer',
  args: answerSuggestionArgs,
  reads: (args) => [{ table: 'suggestions', id: args.id }],
  apply({ args, actor, rows, now }) {
    const one = triageOne(rows, actor, args.id, 'answer')
    if ('refusal' in one) return one.refusal
    return accept({ table: 'suggestions', row: updated(one.row, { status: 'answered', answer: args.answer }, now) })
  },
})

export const declineSuggestionArgs = z.object({ id, reason: text('reason', 2, 500) })
export type DeclineSuggestionArgs = z.input<typeof declineSuggestionArgs>

/** Decline a suggestion with the reason the villager will read. */
export const declineSuggestion = defineMutation({
  name: 'suggestion.decline',
  args: declineSuggestionArgs,
  reads: (args) => [{ table: 'suggestions', id: args.id }],
  apply({ args, actor, rows, now }) {
    const one = triageOne(rows, actor, args.id, 'decline')
    if ('refusal' in one) return one.refusal
    return accept({
      table: 'suggestions', row: updated(one.row, { status: 'declined', declineReason: args.reason }, now),
    })
  },
})

export const mergeSuggestionArgs = z
  .object({ id, intoId: id })
  .refine((args) => args.id !== args.intoId, { path: ['intoId'], message: 'same_suggestion' })
export type MergeSuggestionArgs = z.input<typeof mergeSuggestionArgs>

/**
 * Merge a duplicate into another suggestion of the same village; from then on it follows that
 * one's path (and leaves any agenda it was on). A suggestion cannot be merged into a merged one.
 */
export const mergeSuggestion = defineMutation({
  name: 'suggestion.merge',
  args: mergeSuggestionArgs,
  reads: (args) => [{ table: 'suggestions', id: args.id }, { table: 'suggestions', id: args.intoId }],
  apply({ args, actor, rows, now }) {
    const row = rows.get('suggestions', args.id)
    if (!row) return reject('not_found', 'id')
    const into = rows.get('suggestions', args.intoId)
    if (!into) return reject('not_found', 'intoId')
    const refusal =
      outOfScope(actor, row.villageId, 'id') ??
      outOfScope(actor, into.villageId, 'intoId') ??
      notRole(actor, rolesOf(suggestionMachine, 'merge')) ??
      refuseTransition(suggestionMachine, 'merge', row.status, actor, 'id')
    if (refusal) return refusal
    // A village member's scope is one village, so both are in the same village here.
    if (into.status === 'merged') return reject('illegal_transition', 'intoId', into.status)
    return accept({
      table: 'suggestions',
      row: updated(row, { status: 'merged', mergedInto: into.id, topicId: null }, now),
    })
  },
})
