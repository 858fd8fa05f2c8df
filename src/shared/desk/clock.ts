// The township desk's clocks (吹哨报到 and the deadlines of each step), in working days from the
// township's policy (`policyOf(township)`). Pure: the calendar and `today` are given, so the queue,
// the detail page, the statistics and the tests read the same answer. No zod, no DOM.
import { addWorkingDays, dueStatus, todayInShanghai } from '../calendar'
import type { DueState, WorkCalendar } from '../calendar'
import type { DeadlinePolicy, Escalation } from '../records'

/** The fields of an escalation the clocks read. */
export type ClockedEscalation = Pick<
  Escalation,
  'status' | 'dueOn' | 'createdAt' | 'updatedAt' | 'feedback' | 'submittedAt' | 'assignedAt' | 'reportedAt' |
  'resolvedAt' | 'feedbackAt' | 'rating'
>

/** The step whose clock runs: acceptance, the department's work, or the village's answer. */
export type ClockStep = 'accept' | 'work' | 'village'

/** Where an escalation stands against its clocks on a day. */
export interface DeskClock {
  /** The step whose deadline counts now; null when no clock runs (returned, closed, or no deadline yet). */
  step: ClockStep | null
  /** That step's deadline (YYYY-MM-DD), or null. */
  dueOn: string | null
  /** Before, on or after `dueOn`; null without one. */
  state: DueState | null
  /** Working days left (negative: overdue by that many), 0 without a deadline. */
  workingDaysLeft: number
  /** 未报到: assigned and the department has not reported in within the policy's reportDays. */
  unreported: boolean
  /** The day 报到 is due for the current assignment while it has not happened; null otherwise. */
  reportDueOn: string | null
  /** Resolved, the village has not answered, and closeAfterDays have passed: 销号 with a note is allowed. */
  mayCloseWithoutAnswer: boolean
}

/** Asia/Shanghai is UTC+8 all year (no daylight saving since 1991). */
const SHANGHAI_OFFSET_MS = 8 * 3600 * 1000

const UTC_INSTANT = /^\d{4}-\d{2}-\d{2}T(\d{2}):\d{2}:\d{2}(?:\.\d+)?Z$/
const nextDays = new Map<string, string>()

/**
 * The Asia/Shanghai date of a UTC instant as the server and the phones write them
 * ('2026-09-30T16:30:00.000Z'), from its text: the UTC date, or the day after from 16:00 UTC on.
 * Null for any other form. No Date object for most rows: the queue and the statistics ask it for
 * tens of thousands of instants (bench:township).
 *
 * @example
 * shanghaiDayOfUtc('2026-09-30T16:30:00.000Z') // '2026-10-01'
 */
export function shanghaiDayOfUtc(instant: string): string | null {
  const match = UTC_INSTANT.exec(instant)
  if (match === null) return null
  const date = instant.slice(0, 10)
  if (Number(match[1]) < 16) return date
  let next = nextDays.get(date)
  if (next === undefined) {
    const ms = Date.parse(`${date}T00:00:00Z`)
    if (Number.isNaN(ms)) return null
    nextDays.set(date, (next = new Date(ms + 86_400_000).toISOString().slice(0, 10)))
  }
  return next
}

/**
 * The Asia/Shanghai date of an instant, 'YYYY-MM-DD'. The same answer as
 * `todayInShanghai(new Date(instant))` without an Intl call: the queue asks it for thousands of rows.
 *
 * @example
 * dayOf('2026-09-30T16:30:00Z') // '2026-10-01'
 */
export function dayOf(instant: string): string {
  const fast = shanghaiDayOfUtc(instant)
  if (fast !== null) return fast
  const ms = Date.parse(instant)
  return Number.isNaN(ms) ? todayInShanghai(new Date(instant)) : new Date(ms + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10)
}

/** Whether the village answered the latest result: feedback or a rating given after it was resolved. */
export function villageAnswered(escalation: Pick<ClockedEscalation, 'feedback' | 'feedbackAt' | 'rating' | 'resolvedAt'>): boolean {
  const since = escalation.resolvedAt ?? ''
  const after = (at: string | undefined) => at !== undefined && at >= since
  // Rows resolved before migration 006 may carry feedback without feedbackAt: it answered that result.
  const legacyFeedback = escalation.feedback !== null && escalation.feedbackAt === undefined
  return legacyFeedback || after(escalation.feedbackAt) || after(escalation.rating?.ratedAt)
}

/** A villager rated one of the escalation's suggestions themselves after its latest 办结. */
export function villagerRated(
  suggestion: { rating: { by?: 'villager'; ratedAt: string } | null },
  escalation: Pick<ClockedEscalation, 'resolvedAt'>,
): boolean {
  return suggestion.rating?.by === 'villager' && suggestion.rating.ratedAt >= (escalation.resolvedAt ?? '')
}

/** Sent back by the village (部分解决 / 没解决) and being worked again since. */
export function isReopened(escalation: Pick<ClockedEscalation, 'status' | 'resolvedAt'> & { reopenedAt?: string }): boolean {
  return escalation.reopenedAt !== undefined && ['accepted', 'assigned', 'forwarded'].includes(escalation.status) &&
    escalation.reopenedAt >= (escalation.resolvedAt ?? '')
}

/** Whether the department reported in (报到) after the current assignment. */
export function isReported(escalation: Pick<ClockedEscalation, 'reportedAt' | 'assignedAt'>): boolean {
  return escalation.reportedAt !== undefined && escalation.reportedAt >= (escalation.assignedAt ?? '')
}

/**
 * Acceptance: a submitted escalation is to be accepted (or returned) within `acceptDays` working
 * days of when it was sent (again); the day after that it is overdue.
 *
 * @example
 * acceptanceDue(calendar, policy, { status: 'submitted', submittedAt: '2026-10-09T02:00:00Z', … }) // '2026-10-12'
 */
export function acceptanceDue(calendar: WorkCalendar, policy: DeadlinePolicy, e: Pick<ClockedEscalation, 'submittedAt' | 'createdAt'>): string {
  return addWorkingDays(calendar, dayOf(e.submittedAt ?? e.createdAt), policy.acceptDays)
}

/**
 * 吹哨报到: the day the assigned department must have reported in by (`reportDays` working days
 * after 交办), or null when it did or nothing is assigned.
 */
export function reportDue(
  calendar: WorkCalendar,
  policy: DeadlinePolicy,
  e: Pick<ClockedEscalation, 'status' | 'assignedAt' | 'reportedAt'>,
): string | null {
  if (e.status !== 'assigned' || e.assignedAt === undefined || isReported(e)) return null
  return addWorkingDays(calendar, dayOf(e.assignedAt), policy.reportDays)
}

/**
 * Close without the village's answer: the first day the township may cross a resolved escalation
 * off without feedback or rating (`closeAfterDays` working days after 办结), or null when that
 * does not apply (not resolved, or the village answered).
 */
export function closeWithoutAnswerFrom(calendar: WorkCalendar, policy: DeadlinePolicy, e: ClockedEscalation): string | null {
  if (e.status !== 'resolved' || villageAnswered(e)) return null
  return addWorkingDays(calendar, dayOf(e.resolvedAt ?? e.updatedAt), policy.closeAfterDays)
}

/** Statuses in which the department's deadline (`dueOn`) runs. */
const workStatuses: readonly Escalation['status'][] = ['accepted', 'assigned', 'forwarded']

/**
 * The clocks of many escalations on one day (the queue): `deskClock` with the calendar's answers
 * kept per date, since thousands of escalations share a few hundred dates.
 *
 * @example
 * const clockOf = deskClocks(calendar, policy, '2026-11-16')
 * escalations.map(clockOf)
 */
export function deskClocks(calendar: WorkCalendar, policy: DeadlinePolicy, today: string): (e: ClockedEscalation) => DeskClock {
  const added = new Map<string, string>()
  const dues = new Map<string, ReturnType<typeof dueStatus>>()
  const add = (date: string, n: number) => {
    const key = `${date}+${n}`
    let found = added.get(key)
    if (found === undefined) added.set(key, (found = addWorkingDays(calendar, date, n)))
    return found
  }
  const due = (date: string) => {
    let found = dues.get(date)
    if (found === undefined) dues.set(date, (found = dueStatus(calendar, date, today)))
    return found
  }
  return (e) => {
    let step: ClockStep | null = null
    let dueOn: string | null = null
    if (e.status === 'submitted') {
      step = 'accept'
      dueOn = add(dayOf(e.submittedAt ?? e.createdAt), policy.acceptDays)
    } else if (workStatuses.includes(e.status) && e.dueOn !== null) {
      step = 'work'
      dueOn = e.dueOn
    }
    const status = dueOn === null ? null : due(dueOn)
    const reportDueOn = e.status !== 'assigned' || e.assignedAt === undefined || isReported(e) ? null : add(dayOf(e.assignedAt), policy.reportDays)
    const closeFrom = e.status !== 'resolved' || villageAnswered(e) ? null : add(dayOf(e.resolvedAt ?? e.updatedAt), policy.closeAfterDays)
    if (closeFrom !== null) step = 'village'
    return {
      step,
      dueOn,
      state: status?.status ?? null,
      workingDaysLeft: status?.workingDaysLeft ?? 0,
      unreported: reportDueOn !== null && today > reportDueOn,
      reportDueOn,
      mayCloseWithoutAnswer: closeFrom !== null && today >= closeFrom,
    }
  }
}

/**
 * Every clock of an escalation on `today`: acceptance while submitted, the department deadline
 * while it is worked, 未报到 after 交办, and whether 销号 without an answer is allowed.
 *
 * @example
 * deskClock(calendar, policy, submittedLastWeek, '2026-10-15').state // 'overdue'
 */
export function deskClock(calendar: WorkCalendar, policy: DeadlinePolicy, e: ClockedEscalation, today: string): DeskClock {
  return deskClocks(calendar, policy, today)(e)
}
