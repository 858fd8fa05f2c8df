// The township desk's queue as data: one derived row per escalation (its clocks, its village,
// its search text), the filters as they stand in the URL, and one pass that filters, counts and
// sorts. Pure, so 5,000 escalations cost one loop per change and the table renders one page.
import type { LocationQuery } from 'vue-router'
import type { WorkCalendar } from '@shared/calendar'
import type { DueState } from '@shared/calendar'
import { dayOf, deskClocks, villagerRated } from '@shared/desk/clock'
import type { DeadlinePolicy, Escalation, EscalationStatus, Rating, Suggestion } from '@shared/records'
import { groupOf, queueGroupKeys, type QueueGroupKey } from '@app/components/escalation/queueGroups'

export { queueGroupKeys, type QueueGroupKey }

/** One escalation as the queue shows and filters it. */
export interface QueueRow {
  id: string
  title: string
  villageId: string
  villageName: string
  status: EscalationStatus
  group: QueueGroupKey
  department: string | null
  assignee: string | null
  /** The running step's deadline (acceptance while it waits, else the department's). */
  dueOn: string | null
  state: DueState | null
  workingDaysLeft: number
  unreported: boolean
  /** Resolved, unanswered by the village past closeAfterDays. */
  mayCloseWithoutAnswer: boolean
  stars: number | null
  outcome: 'resolved' | 'partly' | 'unresolved' | null
  /** The day it was sent (the period filter). */
  submittedOn: string
  /** Not yet stamped by the server. */
  unsent: boolean
  /** The escalation's details (searched, not shown). */
  details: string
}

/**
 * The villagers' own ratings (on the village page) of the escalations' suggestions given after
 * each escalation's latest 办结, the latest per escalation id: the village's answer as much as the
 * cadre's callback is. Looks at resolved and closed escalations; `suggestions` may hold others.
 *
 * @example
 * villagerRatingsOf(escalations, await db.suggestions.where('rating.by').equals('villager').toArray()).get(e.id)?.stars // 4
 */
export function villagerRatingsOf(
  escalations: readonly Escalation[],
  suggestions: readonly (Pick<Suggestion, 'id' | 'rating'> | undefined)[],
): Map<string, Rating> {
  const byId = new Map(suggestions.flatMap((s) => (s?.rating?.by === 'villager' ? [[s.id, s]] : [])))
  const ratings = new Map<string, Rating>()
  if (byId.size === 0) return ratings
  for (const e of escalations) {
    if (e.status !== 'resolved' && e.status !== 'closed') continue
    for (const id of e.suggestionIds) {
      const one = byId.get(id)
      if (!one?.rating || !villagerRated(one, e)) continue
      const before = ratings.get(e.id)
      if (!before || one.rating.ratedAt > before.ratedAt) ratings.set(e.id, one.rating)
    }
  }
  return ratings
}

/**
 * Every escalation as a queue row, in one pass; `villageNames` by id. The 满意度 and the clocks
 * take the village's latest answer: the callback's rating on the escalation, or a villager's own
 * (`villagerRatings`, by escalation id).
 *
 * @example
 * deriveRows(escalations, names, defaultCalendar, policyOf(township), '2026-11-16')[0].state // 'overdue'
 */
export function deriveRows(
  escalations: readonly Escalation[],
  villageNames: ReadonlyMap<string, string>,
  calendar: WorkCalendar,
  policy: DeadlinePolicy,
  today: string,
  villagerRatings: ReadonlyMap<string, Rating> = new Map(),
): QueueRow[] {
  const rows: QueueRow[] = new Array(escalations.length)
  const clockOf = deskClocks(calendar, policy, today)
  let n = 0
  for (const e of escalations) {
    if (e.deletedAt !== null) continue
    const own = villagerRatings.get(e.id)
    const rating = own && own.ratedAt > (e.rating?.ratedAt ?? '') ? own : e.rating
    const clock = clockOf(rating === e.rating ? e : { ...e, rating })
    const villageName = villageNames.get(e.villageId) ?? ''
    rows[n++] = {
      id: e.id,
      title: e.title,
      villageId: e.villageId,
      villageName,
      status: e.status,
      group: groupOf(e.status),
      department: e.department,
      assignee: e.assignee,
      dueOn: clock.dueOn,
      state: clock.state,
      workingDaysLeft: clock.workingDaysLeft,
      unreported: clock.unreported,
      mayCloseWithoutAnswer: clock.mayCloseWithoutAnswer,
      stars: rating?.stars ?? null,
      outcome: rating?.outcome ?? null,
      submittedOn: dayOf(e.submittedAt ?? e.createdAt),
      unsent: e.version === 0,
      details: e.details,
    }
  }
  rows.length = n
  return rows
}

export const dueFilters = ['overdue', 'today', 'unreported'] as const
export type DueFilter = (typeof dueFilters)[number]
export type QueueSort = 'due' | '-due' | 'new'

/** The queue's filters; each is a URL query parameter of the same name. */
export interface QueueFilter {
  village: string | null
  group: QueueGroupKey | null
  department: string | null
  assignee: string | null
  due: DueFilter | null
  /** Sent on or after / on or before (YYYY-MM-DD). */
  from: string | null
  to: string | null
  q: string
  sort: QueueSort
  /** 1-based page. */
  page: number
}

export const PAGE_SIZE = 50

const DATE = /^\d{4}-\d{2}-\d{2}$/
const one = (value: LocationQuery[string] | undefined): string | null => {
  const first = Array.isArray(value) ? value[0] : value
  return typeof first === 'string' && first !== '' ? first : null
}
const oneOf = <T extends string>(value: string | null, allowed: readonly T[]): T | null =>
  value !== null && (allowed as readonly string[]).includes(value) ? (value as T) : null

/** The filters a URL query says (anything unknown is left out). */
export function filterFromQuery(query: LocationQuery): QueueFilter {
  const from = one(query.from)
  const to = one(query.to)
  const page = Number(one(query.page) ?? 1)
  return {
    village: one(query.village),
    group: oneOf(one(query.status), queueGroupKeys),
    department: one(query.department),
    assignee: one(query.assignee),
    due: oneOf(one(query.due), dueFilters),
    from: from && DATE.test(from) ? from : null,
    to: to && DATE.test(to) ? to : null,
    q: (one(query.q) ?? '').slice(0, 100),
    sort: oneOf(one(query.sort), ['due', '-due', 'new'] as const) ?? 'due',
    page: Number.isInteger(page) && page > 0 ? page : 1,
  }
}

/** The URL query of a filter: only what differs from the defaults, in a fixed order. */
export function queryFromFilter(filter: QueueFilter): Record<string, string> {
  const query: Record<string, string> = {}
  if (filter.village) query.village = filter.village
  if (filter.group) query.status = filter.group
  if (filter.department) query.department = filter.department
  if (filter.assignee) query.assignee = filter.assignee
  if (filter.due) query.due = filter.due
  if (filter.from) query.from = filter.from
  if (filter.to) query.to = filter.to
  if (filter.q.trim()) query.q = filter.q.trim()
  if (filter.sort !== 'due') query.sort = filter.sort
  if (filter.page > 1) query.page = String(filter.page)
  return query
}

/** The township-wide figures on top of the queue. */
export interface QueueDigest {
  overdue: number
  dueToday: number
  unreported: number
  /** Resolved, waiting for the village past closeAfterDays. */
  closable: number
}

export interface QueueView {
  /** Every row that passes the filters, sorted. */
  rows: QueueRow[]
  /** Rows passing every filter but the status group, per group, and all of them. */
  groupCounts: Record<QueueGroupKey | 'all', number>
  digest: QueueDigest
}

/** Whether a row is overdue (acceptance or the department's deadline). */
export const isOverdue = (row: Pick<QueueRow, 'state'>): boolean => row.state === 'overdue'

function passesDue(row: QueueRow, due: DueFilter | null): boolean {
  if (due === null) return true
  if (due === 'overdue') return row.state === 'overdue'
  if (due === 'today') return row.state === 'due_today'
  return row.unreported
}

/** The digest alone (the tab's overdue count), in one pass. */
export function digestOf(rows: readonly QueueRow[]): QueueDigest {
  const digest: QueueDigest = { overdue: 0, dueToday: 0, unreported: 0, closable: 0 }
  for (const row of rows) {
    if (row.state === 'overdue') digest.overdue++
    else if (row.state === 'due_today') digest.dueToday++
    if (row.unreported) digest.unreported++
    if (row.mayCloseWithoutAnswer) digest.closable++
  }
  return digest
}

/** Lower-case text the search looks in (title, village, department, assignee, details), made once per row. */
const haystacks = new WeakMap<QueueRow, string>()
function haystackOf(row: QueueRow): string {
  let text = haystacks.get(row)
  if (text === undefined) {
    text = `${row.title}\n${row.villageName}\n${row.department ?? ''}\n${row.assignee ?? ''}\n${row.details}`.toLowerCase()
    haystacks.set(row, text)
  }
  return text
}

const FAR = '9999-12-31'
const byDue = (a: QueueRow, b: QueueRow) =>
  (a.dueOn ?? FAR) < (b.dueOn ?? FAR) ? -1 : (a.dueOn ?? FAR) > (b.dueOn ?? FAR) ? 1 : a.submittedOn < b.submittedOn ? -1 : a.submittedOn > b.submittedOn ? 1 : 0

/**
 * Filter, count and sort in one pass over the rows: `due` nearest deadline first (no deadline
 * last), `-due` the other way, `new` latest sent first.
 */
export function viewOf(all: readonly QueueRow[], filter: QueueFilter): QueueView {
  const groupCounts: Record<QueueGroupKey | 'all', number> = { all: 0, waiting: 0, working: 0, resolved: 0, returned: 0, closed: 0 }
  const digest: QueueDigest = { overdue: 0, dueToday: 0, unreported: 0, closable: 0 }
  const q = filter.q.trim().toLowerCase()
  const rows: QueueRow[] = []
  for (const row of all) {
    if (row.state === 'overdue') digest.overdue++
    else if (row.state === 'due_today') digest.dueToday++
    if (row.unreported) digest.unreported++
    if (row.mayCloseWithoutAnswer) digest.closable++
    if (filter.village !== null && row.villageId !== filter.village) continue
    if (filter.department !== null && row.department !== filter.department) continue
    if (filter.assignee !== null && row.assignee !== filter.assignee) continue
    if (!passesDue(row, filter.due)) continue
    if (filter.from !== null && row.submittedOn < filter.from) continue
    if (filter.to !== null && row.submittedOn > filter.to) continue
    if (q !== '' && !haystackOf(row).includes(q)) continue
    groupCounts.all++
    groupCounts[row.group]++
    if (filter.group !== null && row.group !== filter.group) continue
    rows.push(row)
  }
  if (filter.sort === 'new') rows.sort((a, b) => (a.submittedOn < b.submittedOn ? 1 : a.submittedOn > b.submittedOn ? -1 : 0))
  else if (filter.sort === '-due') rows.sort((a, b) => byDue(b, a))
  else rows.sort(byDue)
  return { rows, groupCounts, digest }
}

/** The distinct departments and assignees in the rows, sorted for the filter lists. */
export function optionsOf(rows: readonly QueueRow[]): { departments: string[]; assignees: string[] } {
  const departments = new Set<string>()
  const assignees = new Set<string>()
  for (const row of rows) {
    if (row.department) departments.add(row.department)
    if (row.assignee) assignees.add(row.assignee)
  }
  const zh = (a: string, b: string) => a.localeCompare(b, 'zh-CN')
  return { departments: [...departments].sort(zh), assignees: [...assignees].sort(zh) }
}

/** The queue as it opens (no filter, first page), kept on the device to be shown at once on the next start. */
export interface QueueFirstScreen {
  /** The view of every row under no filter, its `rows` cut to the first page. */
  view: QueueView
  /** How many rows pass (the pager's total). */
  total: number
  options: { departments: string[]; assignees: string[] }
  villages: { id: string; name: string }[]
}

/** The filter the queue opens with (an address without a query). */
export const openingFilter: QueueFilter = filterFromQuery({})

/** Whether `filter` is the one the queue opens with: only then can the kept first screen stand for it. */
export function isOpeningFilter(filter: QueueFilter): boolean {
  return Object.keys(queryFromFilter(filter)).length === 0
}

/**
 * The first screen of the queue for `rows`: what the page shows for the opening filter.
 *
 * @example
 * firstScreenOf(rows, villages).view.rows.length // ≤ PAGE_SIZE
 */
export function firstScreenOf(rows: readonly QueueRow[], villages: QueueFirstScreen['villages']): QueueFirstScreen {
  const view = viewOf(rows, openingFilter)
  return {
    view: { ...view, rows: view.rows.slice(0, PAGE_SIZE) },
    total: view.rows.length,
    options: optionsOf(rows),
    villages,
  }
}
