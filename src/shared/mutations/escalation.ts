// Escalations (上报事项), the village's side: hand a matter to the township, send it again after a
// return, and give feedback on the result — accept it (close) or reject it.
import { z } from 'zod'
import { escalationMachine, suggestionMachine } from '../machines'
import type { TransitionName } from '../machines'
import type { Escalation } from '../records'
import { id, ratingOutcomes } from '../records'
import { boundedText } from '../text'
import type { Change, MutationDef, MutationInput, MutationResult, RowRef } from './core'
import { accept, created, defineMutation, reject, updated } from './core'
import {
  chainTransitions, idList, notRole, outOfScope, refuseTransition, rolesOf, staleList, text,
} from './guards'
import { villageAnswered, villagerRated } from '../desk/clock'
import { remarkChange } from './remark'
import { listedSuggestions, loadSuggestions, suggestionsOutOfScope } from './suggestionTriage'

export const createEscalationArgs = z
  .object({
    id,
    villageId: id,
    /** The topic it comes from at a meeting; null for a matter sent straight from the inbox. */
    topicId: id.nullable(),
    suggestionIds: idList(0, 50),
    title: text('title', 2, 200),
    details: boundedText(4000, 'details_too_long'),
  })
  .refine((args) => args.topicId !== null || args.suggestionIds.length > 0, {
    path: ['suggestionIds'],
    message: 'nothing_to_escalate',
  })
export type CreateEscalationArgs = z.input<typeof createEscalationArgs>

/**
 * Hand a matter to the township (上报): a `submitted` escalation for the village's township (read
 * from the village row). Its suggestions take the `escalate` transition (any refusal refuses all);
 * from a topic, they must be on that topic, and a pending topic's outcome becomes `escalated`.
 * The deadline is set by the township when it accepts (its policy gives the default).
 */
export const createEscalation = defineMutation({
  name: 'escalation.create',
  args: createEscalationArgs,
  reads: (args) => [
    { table: 'villages', id: args.villageId },
    { table: 'escalations', id: args.id },
    ...(args.topicId ? [{ table: 'topics' as const, id: args.topicId }] : []),
    ...args.suggestionIds.map((one) => ({ table: 'suggestions' as const, id: one })),
  ],
  apply({ args, actor, rows, now }) {
    const village = rows.get('villages', args.villageId)
    if (!village) return reject('not_found', 'villageId')
    const topic = args.topicId ? rows.get('topics', args.topicId) : undefined
    if (args.topicId && !topic) return reject('not_found', 'topicId')
    const loaded = loadSuggestions(rows, args.suggestionIds)
    if ('refusal' in loaded) return loaded.refusal
    const refusal =
      outOfScope(actor, village.id, 'villageId', village.townshipId) ??
      (topic ? outOfScope(actor, topic.villageId, 'topicId') : null) ??
      suggestionsOutOfScope(actor, loaded.suggestions) ??
      notRole(actor, rolesOf(suggestionMachine, 'escalate'))
    if (refusal) return refusal
    if (topic?.outcome === 'deferred') return reject('illegal_transition', 'topicId', topic.outcome)
    const changes: Change[] = []
    for (const [i, one] of loaded.suggestions.entries()) {
      const field = `suggestionIds.${i}`
      if (topic && one.topicId !== topic.id) return reject('invalid_args', field, 'not_in_topic')
      const moved = refuseTransition(suggestionMachine, 'escalate', one.status, actor, field)
      if (moved) return moved
      changes.push({ table: 'suggestions', row: updated(one, { status: 'escalated' }, now) })
    }
    if (rows.exists('escalations', args.id)) return reject('conflict', 'id')
    if (topic?.outcome === 'pending') changes.unshift({ table: 'topics', row: updated(topic, { outcome: 'escalated' }, now) })
    return accept(
      {
        table: 'escalations',
        row: {
          ...created(args.id, now), villageId: village.id, townshipId: village.townshipId, topicId: args.topicId,
          suggestionIds: args.suggestionIds, title: args.title, details: args.details, status: 'submitted',
          department: null, assignee: null, coordinationOn: null, dueOn: null, resolution: null, feedback: null,
          submittedAt: now,
        },
      },
      ...changes,
    )
  },
})

type EscalationTransition = TransitionName<typeof escalationMachine>

/** What an escalation transition writes besides the new status. */
export interface EscalationEffect {
  patch?: Partial<Escalation>
  /** Further rows (a remark with the reason, the linked suggestions), or a refusal. */
  changes?: Change[]
  refusal?: MutationResult
}

/**
 * A mutation that applies one escalation transition: not_found → scope (the escalation's own
 * township for township staff) → role (the transition's roles) → the transition → `effect`.
 */
export function escalationTransition<S extends z.ZodType<{ id: string }>>(
  name: string,
  transition: EscalationTransition,
  args: S,
  effect: (escalation: Escalation, input: MutationInput<z.infer<S>>) => EscalationEffect,
  extraReads: (args: z.infer<S>) => RowRef[] = () => [],
): MutationDef<z.infer<S>> {
  return defineMutation({
    name,
    args,
    reads: (parsed) => [{ table: 'escalations', id: parsed.id }, ...extraReads(parsed)],
    apply(input) {
      const { actor, now } = input
      const escalation = input.rows.get('escalations', input.args.id)
      if (!escalation) return reject('not_found', 'id')
      const refusal =
        outOfScope(actor, escalation.villageId, 'id', escalation.townshipId) ??
        notRole(actor, rolesOf(escalationMachine, transition)) ??
        refuseTransition(escalationMachine, transition, escalation.status, actor, 'id')
      if (refusal) return refusal
      const result = effect(escalation, input)
      if (result.refusal) return result.refusal
      const status = escalationMachine.transitions[transition].to
      return accept(
        { table: 'escalations', row: updated(escalation, { ...result.patch, status }, now) },
        ...(result.changes ?? []),
      )
    },
  })
}

/** The escalation's `suggestionIds` as the device has them (refused if they changed). */
export const escalationSuggestionIds = z.array(id).max(50)

/** Reads of the suggestions an escalation lists, from the device's copy of the list. */
export const listedReads = (args: { suggestionIds: string[] }): RowRef[] =>
  args.suggestionIds.map((one) => ({ table: 'suggestions', id: one }))

/**
 * Move the escalation's suggestions that are in `from` along `path` (each step checked; any
 * refusal refuses all), after checking the device's copy of the list.
 */
export function moveListed(
  escalation: Escalation,
  input: MutationInput<{ suggestionIds: string[] }>,
  from: 'escalated' | 'resolved',
  path: readonly ('resolve' | 'reopen' | 'escalate')[],
): { changes: Change[] } | { refusal: MutationResult } {
  const stale = staleList(escalation.suggestionIds, input.args.suggestionIds, 'suggestionIds')
  if (stale) return { refusal: stale }
  const changes: Change[] = []
  for (const one of listedSuggestions(input.rows, input.args.suggestionIds)) {
    if (one.status !== from) continue
    const moved = chainTransitions(suggestionMachine, path, one.status, input.actor, 'suggestionIds')
    if ('refusal' in moved) return moved
    changes.push({ table: 'suggestions', row: updated(one, { status: moved.to }, input.now) })
  }
  return { changes }
}

export const resubmitEscalationArgs = z.object({ id, details: boundedText(4000, 'details_too_long').optional() })
export type ResubmitEscalationArgs = z.input<typeof resubmitEscalationArgs>

/** Send a returned escalation to the township again, optionally with better details. */
export const resubmitEscalation = escalationTransition('escalation.resubmit', 'resubmit', resubmitEscalationArgs, (_, { args, now }) => ({
  patch: { submittedAt: now, ...(args.details === undefined ? {} : { details: args.details }) },
}))

export const closeEscalationArgs = z.object({
  id,
  /**
   * Closing without the village's feedback or rating (the policy's closeAfterDays have passed; the
   * desk offers it only then): why, kept as a note on it.
   */
  note: text('note', 2, 500).optional(),
  remarkId: id.optional(),
  /**
   * The escalation's suggestions as the device has them: a villager's own rating of one of them
   * after the latest 办结 (on the village page) is the village's answer too.
   */
  suggestionIds: escalationSuggestionIds.optional(),
})
export type CloseEscalationArgs = z.input<typeof closeEscalationArgs>

/**
 * Cross a resolved escalation off (销号): by the village, or by the township once the village has
 * answered the result (feedback or rating) — without an answer only with a note.
 */
export const closeEscalation = escalationTransition(
  'escalation.close',
  'close',
  closeEscalationArgs,
  (escalation, { args, actor, now, rows }) => {
    const patch = { closedAt: now }
    if (args.suggestionIds !== undefined) {
      const stale = staleList(escalation.suggestionIds, args.suggestionIds, 'suggestionIds')
      if (stale) return { refusal: stale }
    }
    const rated = listedSuggestions(rows, args.suggestionIds ?? []).some((one) => villagerRated(one, escalation))
    if (actor.role === 'cadre' || villageAnswered(escalation) || rated) return { patch }
    if (args.note === undefined || args.remarkId === undefined) return { refusal: reject('invalid_args', 'note', 'note_required') }
    if (rows.exists('remarks', args.remarkId)) return { refusal: reject('conflict', 'remarkId') }
    return {
      patch,
      changes: [remarkChange(args.remarkId, now, actor, {
        villageId: escalation.villageId, subjectType: 'escalation', subjectId: escalation.id, kind: 'note', text: args.note,
      })],
    }
  },
  (args) => [...(args.remarkId ? [{ table: 'remarks' as const, id: args.remarkId }] : []), ...listedReads({ suggestionIds: args.suggestionIds ?? [] })],
)

export const rejectEscalationResultArgs = z.object({
  id,
  suggestionIds: escalationSuggestionIds,
  feedback: text('feedback', 2, 2000),
})
export type RejectEscalationResultArgs = z.input<typeof rejectEscalationResultArgs>

/**
 * The village finds the result not good enough: the township works it again (resolved →
 * assigned) with the village's feedback, and the suggestions it had resolved are escalated again
 * (reopen → escalate).
 */
export const rejectEscalationResult = escalationTransition(
  'escalation.reject_result',
  'reject_result',
  rejectEscalationResultArgs,
  (escalation, input) => {
    const moved = moveListed(escalation, input, 'resolved', ['reopen', 'escalate'])
    if ('refusal' in moved) return { refusal: moved.refusal }
    const now = input.now
    return { patch: { feedback: input.args.feedback, feedbackAt: now, reopenedAt: now }, changes: moved.changes }
  },
  listedReads,
)

/** The village's answer in a callback: the rating and its words. */
export const escalationRating = z.object({
  stars: z.number().int('stars_invalid').min(1, 'stars_invalid').max(5, 'stars_invalid'),
  outcome: z.enum(ratingOutcomes, 'outcome_required'),
  /** What the village says; required (the reason, shown on top at the desk) unless 解决了. */
  feedback: text('feedback', 2, 2000).optional(),
})

/** 部分解决 / 没解决 must say why. */
export function withReason<S extends z.ZodType<{ outcome: string; feedback?: string }>>(schema: S) {
  return schema.refine((args) => args.outcome === 'resolved' || args.feedback !== undefined, { path: ['feedback'], message: 'feedback_required' })
}

export const rateEscalationArgs = withReason(z.object({ id, suggestionIds: escalationSuggestionIds }).extend(escalationRating.shape))
export type RateEscalationArgs = z.input<typeof rateEscalationArgs>

/**
 * The village's callback on the township's result (the cadre, on the villagers' behalf): the
 * rating, and its words as the feedback. 解决了 keeps it resolved (the township may cross it off);
 * 部分解决 / 没解决 reopens it (`reopen`, back to 办理中) with the words as the reason, and the
 * suggestions it had resolved are escalated again, as `reject_result` does.
 */
export const rateEscalation = defineMutation({
  name: 'escalation.rate',
  args: rateEscalationArgs,
  reads: (args) => [{ table: 'escalations', id: args.id }, ...listedReads(args)],
  apply(input) {
    const { args, actor, now } = input
    const escalation = input.rows.get('escalations', args.id)
    if (!escalation) return reject('not_found', 'id')
    const reopen = args.outcome !== 'resolved'
    const refusal =
      outOfScope(actor, escalation.villageId, 'id', escalation.townshipId) ??
      notRole(actor, rolesOf(escalationMachine, 'reopen')) ??
      (reopen ? refuseTransition(escalationMachine, 'reopen', escalation.status, actor, 'id') : null) ??
      (!reopen && !feedbackStatuses.includes(escalation.status) ? reject('illegal_transition', 'id', escalation.status) : null)
    if (refusal) return refusal
    const answer: Partial<Escalation> = {
      rating: { stars: args.stars, outcome: args.outcome, ratedAt: now },
      ...(args.feedback === undefined ? {} : { feedback: args.feedback, feedbackAt: now }),
    }
    if (!reopen) return accept({ table: 'escalations', row: updated(escalation, answer, now) })
    const moved = moveListed(escalation, input, 'resolved', ['reopen', 'escalate'])
    if ('refusal' in moved) return moved.refusal
    return accept(
      { table: 'escalations', row: updated(escalation, { ...answer, status: escalationMachine.transitions.reopen.to, reopenedAt: now }, now) },
      ...moved.changes,
    )
  },
})

export const escalationFeedbackArgs = z.object({ id, feedback: text('feedback', 2, 2000) })
export type EscalationFeedbackArgs = z.input<typeof escalationFeedbackArgs>

/** Statuses in which the village may record its feedback on the township's result. */
const feedbackStatuses: readonly Escalation['status'][] = ['resolved', 'closed']

/** Record the village's feedback on the township's result (a plain field; the status stays). */
export const escalationFeedback = defineMutation({
  name: 'escalation.feedback',
  args: escalationFeedbackArgs,
  reads: (args) => [{ table: 'escalations', id: args.id }],
  apply({ args, actor, rows, now }) {
    const escalation = rows.get('escalations', args.id)
    if (!escalation) return reject('not_found', 'id')
    const refusal =
      outOfScope(actor, escalation.villageId, 'id', escalation.townshipId) ?? notRole(actor, ['cadre'])
    if (refusal) return refusal
    if (!feedbackStatuses.includes(escalation.status)) return reject('illegal_transition', 'id', escalation.status)
    return accept({ table: 'escalations', row: updated(escalation, { feedback: args.feedback, feedbackAt: now }, now) })
  },
})
