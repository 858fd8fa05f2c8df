// Escalations, the township's side: accept with a deadline, assign at the coordination meeting
// (议事协调会), return to the village, forward upward, resolve.
import { z } from 'zod'
import type { Escalation } from '../records'
import { id } from '../records'
import type { MutationInput } from './core'
import { reject } from './core'
import { escalationSuggestionIds, escalationTransition, listedReads, moveListed } from './escalation'
import type { EscalationEffect } from './escalation'
import { dateArg, shanghaiDate, text } from './guards'
import { isReported } from '../desk/clock'
import { remarkChange } from './remark'

/**
 * Dates the township sets may not be before the day the escalation was made — checked against the
 * row, not the clock, so work recorded offline is not refused when it syncs later.
 */
function datesBeforeEscalation(escalation: Escalation, dates: Record<string, string | null | undefined>): EscalationEffect | null {
  const made = shanghaiDate(escalation.createdAt)
  for (const [field, date] of Object.entries(dates)) {
    if (date != null && date < made) return { refusal: reject('invalid_args', field, 'date_before_escalation') }
  }
  return null
}

/** A remark on the escalation by the acting member, if its id is free. */
function escalationRemark(
  escalation: Escalation,
  input: MutationInput<{ remarkId: string }>,
  kind: 'note' | 'progress',
  note: string,
): EscalationEffect {
  if (input.rows.exists('remarks', input.args.remarkId)) return { refusal: reject('conflict', 'remarkId') }
  return {
    changes: [remarkChange(input.args.remarkId, input.now, input.actor, {
      villageId: escalation.villageId, subjectType: 'escalation', subjectId: escalation.id, kind, text: note,
    })],
  }
}

const department = text('department', 1, 60)

export const acceptEscalationArgs = z.object({ id, dueOn: dateArg, department: department.nullable().default(null) })
export type AcceptEscalationArgs = z.input<typeof acceptEscalationArgs>

/** Take an escalation on, with its deadline (the app proposes one from the township's policy). */
export const acceptEscalation = escalationTransition('escalation.accept', 'accept', acceptEscalationArgs, (escalation, { args, now }) => (
  datesBeforeEscalation(escalation, { dueOn: args.dueOn }) ??
  { patch: { dueOn: args.dueOn, acceptedAt: now, ...(args.department ? { department: args.department } : {}) } }
))

export const assignEscalationArgs = z.object({
  id,
  department,
  assignee: text('assignee', 1, 40),
  /** The coordination meeting (议事协调会) that assigned it, when there was one. */
  coordinationOn: dateArg.nullable(),
  dueOn: dateArg,
})
export type AssignEscalationArgs = z.input<typeof assignEscalationArgs>

/**
 * Name the department and person responsible and the deadline (again, to reassign). 交办 starts
 * the 报到 clock; a reassignment to another department or person starts it again.
 */
export const assignEscalation = escalationTransition('escalation.assign', 'assign', assignEscalationArgs, (escalation, { args, now }) => {
  const same = escalation.status === 'assigned' && escalation.department === args.department && escalation.assignee === args.assignee
  return datesBeforeEscalation(escalation, { coordinationOn: args.coordinationOn, dueOn: args.dueOn }) ?? {
    patch: {
      department: args.department, assignee: args.assignee, coordinationOn: args.coordinationOn, dueOn: args.dueOn,
      ...(same ? {} : { assignedAt: now, reportedAt: undefined }),
    },
  }
})

export const reportEscalationArgs = z.object({ id })
export type ReportEscalationArgs = z.input<typeof reportEscalationArgs>

/**
 * 吹哨报到: the assigned department acknowledged the assignment; township staff record it. Once
 * per assignment (a second 报到 is refused), so the first time counts for the clock.
 */
export const reportEscalation = escalationTransition('escalation.report', 'report', reportEscalationArgs, (escalation, { now }) => (
  isReported(escalation)
    ? { refusal: reject('illegal_transition', 'id', 'reported') }
    : { patch: { reportedAt: now } }
))

export const returnEscalationArgs = z.object({ id, reason: text('reason', 2, 500), remarkId: id })
export type ReturnEscalationArgs = z.input<typeof returnEscalationArgs>

/**
 * Send an escalation back to the village with a reason (a note on it), e.g. the village can settle
 * it itself. Its suggestions stay `escalated`; the village may resubmit or put them on an agenda.
 */
export const returnEscalation = escalationTransition(
  'escalation.return',
  'return',
  returnEscalationArgs,
  (escalation, input) => escalationRemark(escalation, input, 'note', input.args.reason),
  (args) => [{ table: 'remarks', id: args.remarkId }],
)

export const forwardEscalationArgs = z.object({ id, note: text('note', 2, 500), remarkId: id })
export type ForwardEscalationArgs = z.input<typeof forwardEscalationArgs>

/** Report an escalation beyond the township; the note (to whom, why) is kept as progress on it. */
export const forwardEscalation = escalationTransition(
  'escalation.forward',
  'forward',
  forwardEscalationArgs,
  (escalation, input) => escalationRemark(escalation, input, 'progress', input.args.note),
  (args) => [{ table: 'remarks', id: args.remarkId }],
)

export const resolveEscalationArgs = z.object({
  id,
  suggestionIds: escalationSuggestionIds,
  resolution: text('resolution', 2, 4000),
})
export type ResolveEscalationArgs = z.input<typeof resolveEscalationArgs>

/**
 * Record the result. The escalation's suggestions that are still `escalated` become `resolved`
 * (others have moved on in the village); the village then gives feedback and closes or rejects it.
 */
export const resolveEscalation = escalationTransition(
  'escalation.resolve',
  'resolve',
  resolveEscalationArgs,
  (escalation, input) => {
    const moved = moveListed(escalation, input, 'escalated', ['resolve'])
    if ('refusal' in moved) return { refusal: moved.refusal }
    return { patch: { resolution: input.args.resolution, resolvedAt: input.now }, changes: moved.changes }
  },
  listedReads,
)
