// The township's and the villages' statistics (统计) for a period, derived from the same rows and
// the same funnel as the village ledger (src/shared/ledger), so a village's figures on the
// township's page are the figures its own ledger shows.
import type { WorkCalendar } from '../calendar'
import { workingDaysBetween } from '../calendar'
import type { FunnelCounts, LedgerIndex, LedgerRows } from '../ledger'
import { funnel } from '../ledger'
import { asIndex } from '../ledger/rows'
import { shanghaiDayOfUtc } from './clock'
import type { Decision, Escalation, Meeting } from '../records'

/** The periods the statistics page offers; `all` is every record. */
export const periodKinds = ['month', 'quarter', 'year', 'all', 'custom'] as const
export type PeriodKind = (typeof periodKinds)[number]

/** Dates in Asia/Shanghai, 'YYYY-MM-DD', both included. */
export interface Period {
  from: string
  to: string
}

/** Every record, whatever its date. */
export const allTime: Period = { from: '0000-01-01', to: '9999-12-31' }

const pad = (n: number) => String(n).padStart(2, '0')
function lastDayOfMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate()
}

/**
 * The month, quarter or year that holds `anchor` ('YYYY-MM-DD'); `all` is `allTime`. A custom
 * period is given as it is (`customPeriod`).
 *
 * @example
 * periodOf('quarter', '2026-11-04') // { from: '2026-10-01', to: '2026-12-31' }
 */
export function periodOf(kind: Exclude<PeriodKind, 'custom'>, anchor: string): Period {
  const year = Number(anchor.slice(0, 4))
  const month = Number(anchor.slice(5, 7))
  if (kind === 'all') return allTime
  if (kind === 'year') return { from: `${year}-01-01`, to: `${year}-12-31` }
  const first = kind === 'month' ? month : Math.floor((month - 1) / 3) * 3 + 1
  const last = kind === 'month' ? month : first + 2
  return { from: `${year}-${pad(first)}-01`, to: `${year}-${pad(last)}-${pad(lastDayOfMonth(year, last))}` }
}

/** A custom period, its ends swapped if given backwards. */
export function customPeriod(from: string, to: string): Period {
  return from <= to ? { from, to } : { from: to, to: from }
}

const EIGHT_HOURS = 8 * 3600 * 1000

/** The Shanghai calendar date of an ISO instant (UTC+8, no daylight saving). */
export function shanghaiDateOf(instant: string): string {
  const fast = shanghaiDayOfUtc(instant)
  if (fast !== null) return fast
  const ms = Date.parse(instant)
  return Number.isNaN(ms) ? instant.slice(0, 10) : new Date(ms + EIGHT_HOURS).toISOString().slice(0, 10)
}

/**
 * `workingDaysBetween` with its answers kept: statistics ask the same pairs of dates many times
 * (thousands of items decided and finished within the same weeks), and each answer walks the days.
 */
export function workingDayCounter(calendar: WorkCalendar): (from: string, to: string) => number {
  const known = new Map<string, number>()
  return (from, to) => {
    const key = `${from}|${to}`
    let days = known.get(key)
    if (days === undefined) known.set(key, (days = workingDaysBetween(calendar, from, to)))
    return days
  }
}

/** When a done decision was finished: its latest progress remark (the evidence), else its last change. */
export function decisionFinishedAt(index: LedgerIndex, decision: Decision): string {
  return index.lastProgressByDecision.get(decision.id)?.createdAt ?? decision.updatedAt
}

/** When the township received an escalation (again, after a return): its stamp, else its creation (rows before 006). */
export function escalationStartedAt(escalation: Escalation): string {
  return escalation.submittedAt ?? escalation.createdAt
}

/** When an escalation was (last) resolved: its stamp, else its last change (rows before 006). */
export function escalationFinishedAt(escalation: Escalation): string {
  return escalation.resolvedAt ?? escalation.updatedAt
}

const finishedEscalation = (e: Escalation) => e.status === 'resolved' || e.status === 'closed'

/** The figures of one village, or of the township (every village added up), for one period. */
export interface StatsFigures {
  /** Suggestions collected in the period, and how far they got (the ledger's funnel of that cohort). */
  collected: number
  onAgenda: number
  /** Decided at a meeting (当场拍板). */
  decided: number
  escalated: number
  resolved: number
  rated: number
  /** Rules (制度文件) decided in the period and done. */
  rulesFormed: number
  /** resolved / collected; null without suggestions. */
  resolutionRate: number | null
  /** Decisions done and escalations resolved in the period. */
  finished: number
  /** Of `finished` with a deadline, those finished by it. */
  finishedOnTime: number
  /** finishedOnTime / finished with a deadline; null when none had one. */
  onTimeRate: number | null
  /** Median working days from a village decision to its completion (finished in the period). */
  decisionDays: number | null
  /** Median working days from an escalation's submission to its resolution (finished in the period). */
  escalationDays: number | null
  /** Mean stars (1–5) of the ratings of the period's suggestions; null without ratings. */
  ratingMean: number | null
  /** Share of those ratings that said 解决了. */
  resolvedShare: number | null
  /** Meetings held (closed) in the period, and the people who came to them. */
  meetings: number
  attendance: number
}

/** One month of the trend chart. */
export interface TrendMonth {
  /** 'YYYY-MM' */
  month: string
  collected: number
  escalated: number
  /** Decisions done and escalations resolved that month. */
  finished: number
}

export interface Stats {
  period: Period
  /** Every village given (or in the rows), in the rows' order. */
  villageIds: string[]
  total: StatsFigures
  byVillage: Record<string, StatsFigures>
  /** Month by month over the period (at most the last 36 months of it, only months with records for `all`). */
  trend: TrendMonth[]
}

export interface StatsOptions {
  calendar: WorkCalendar
  /** Only these villages (a cadre's own); default every village in the rows. */
  villageIds?: readonly string[]
  /** Reuse one counter across calls (the page recomputes for each period). */
  countDays?: (from: string, to: string) => number
}

/** What a village adds up during the pass, turned into figures at the end. */
interface Tally {
  finished: number
  withDue: number
  onTime: number
  decisionDays: number[]
  escalationDays: number[]
  stars: number
  rated: number
  resolvedRatings: number
  meetings: number
  attendance: number
}

const newTally = (): Tally => ({
  finished: 0, withDue: 0, onTime: 0, decisionDays: [], escalationDays: [], stars: 0, rated: 0, resolvedRatings: 0,
  meetings: 0, attendance: 0,
})

/** The median of numbers (the mean of the middle two for an even count); null for none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null
  const sorted = [...values].sort((a, b) => a - b)
  const middle = sorted.length >> 1
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2
}

const ratio = (part: number, whole: number) => (whole > 0 ? part / whole : null)

function figures(counts: FunnelCounts, tally: Tally): StatsFigures {
  return {
    collected: counts.collected,
    onAgenda: counts.onAgenda,
    decided: counts.decided,
    escalated: counts.escalated,
    resolved: counts.resolved,
    rated: counts.rated,
    rulesFormed: counts.rulesFormed,
    resolutionRate: ratio(counts.resolved, counts.collected),
    finished: tally.finished,
    finishedOnTime: tally.onTime,
    onTimeRate: ratio(tally.onTime, tally.withDue),
    decisionDays: median(tally.decisionDays),
    escalationDays: median(tally.escalationDays),
    ratingMean: ratio(tally.stars, tally.rated),
    resolvedShare: ratio(tally.resolvedRatings, tally.rated),
    meetings: tally.meetings,
    attendance: tally.attendance,
  }
}

function addTally(into: Tally, from: Tally) {
  into.finished += from.finished
  into.withDue += from.withDue
  into.onTime += from.onTime
  for (const d of from.decisionDays) into.decisionDays.push(d)
  for (const d of from.escalationDays) into.escalationDays.push(d)
  into.stars += from.stars
  into.rated += from.rated
  into.resolvedRatings += from.resolvedRatings
  into.meetings += from.meetings
  into.attendance += from.attendance
}

const zeroCounts = (): FunnelCounts => ({
  collected: 0, onAgenda: 0, decided: 0, escalated: 0, resolved: 0, rated: 0, rulesFormed: 0, open: 0, overdue: null,
})

function addCounts(into: FunnelCounts, from: FunnelCounts) {
  into.collected += from.collected
  into.onAgenda += from.onAgenda
  into.decided += from.decided
  into.escalated += from.escalated
  into.resolved += from.resolved
  into.rated += from.rated
  into.rulesFormed += from.rulesFormed
  into.open += from.open
}

function monthsOf(period: Period, seen: ReadonlySet<string>): string[] {
  if (period === allTime || period.from === allTime.from) return [...seen].sort().slice(-36)
  const months: string[] = []
  let year = Number(period.from.slice(0, 4))
  let month = Number(period.from.slice(5, 7))
  const last = period.to.slice(0, 7)
  for (;;) {
    const key = `${year}-${pad(month)}`
    if (key > last) break
    months.push(key)
    if (++month > 12) {
      month = 1
      year++
    }
  }
  return months.slice(-36)
}

/**
 * The statistics of a period, per village and in total. The suggestions collected in the period
 * are the cohort: the ledger's `funnel` over them gives collected, on an agenda, decided, escalated,
 * resolved, rated (so with `allTime` a village's figures are its ledger's funnel); rules formed
 * count rules decided in the period and done. Decisions done and escalations resolved in the
 * period give the on-time rate and the median working days (decisions and escalations apart);
 * meetings closed whose start falls in the period give meetings held and attendance. One pass over
 * each table, working days counted once per pair of dates.
 *
 * @example
 * townshipStats(rows, periodOf('quarter', today), { calendar: defaultCalendar }).byVillage[villageId].onTimeRate
 */
export function townshipStats(rows: LedgerRows | LedgerIndex, period: Period, options: StatsOptions): Stats {
  const index = asIndex(rows)
  const countDays = options.countDays ?? workingDayCounter(options.calendar)
  const wanted = options.villageIds ? new Set(options.villageIds) : null
  const inVillages = (villageId: string) => wanted === null || wanted.has(villageId)
  const dateCache = new Map<string, string>()
  const dateOf = (instant: string) => {
    let date = dateCache.get(instant)
    if (date === undefined) dateCache.set(instant, (date = shanghaiDateOf(instant)))
    return date
  }
  const inPeriod = (date: string) => date >= period.from && date <= period.to

  const villageIds = options.villageIds
    ? [...options.villageIds]
    : index.villages.map((village) => village.id)
  const tallies = new Map<string, Tally>(villageIds.map((id) => [id, newTally()]))
  const tallyOf = (villageId: string) => {
    let tally = tallies.get(villageId)
    if (!tally) tallies.set(villageId, (tally = newTally()))
    return tally
  }
  const trend = new Map<string, TrendMonth>()
  const monthOf = (date: string) => {
    const key = date.slice(0, 7)
    let month = trend.get(key)
    if (!month) trend.set(key, (month = { month: key, collected: 0, escalated: 0, finished: 0 }))
    return month
  }

  // The cohort: suggestions collected in the period; decisions and escalations made in it.
  const suggestions = index.suggestions.filter((s) => {
    if (!inVillages(s.villageId)) return false
    const date = dateOf(s.createdAt)
    if (!inPeriod(date)) return false
    monthOf(date).collected++
    if (s.rating) {
      const tally = tallyOf(s.villageId)
      tally.rated++
      tally.stars += s.rating.stars
      if (s.rating.outcome === 'resolved') tally.resolvedRatings++
    }
    return true
  })
  const decisions = index.decisions.filter((d) => inVillages(d.villageId) && inPeriod(dateOf(d.createdAt)))
  const escalations: Escalation[] = []
  for (const e of index.escalations) {
    if (!inVillages(e.villageId)) continue
    // Escalated in the period: when the village first sent it (a return and resend stays in its month).
    const escalated = dateOf(e.createdAt)
    if (inPeriod(escalated)) {
      escalations.push(e)
      monthOf(escalated).escalated++
    }
  }
  const cohort = funnel({ ...index, suggestions, decisions, escalations })

  // Work finished in the period, wherever it started.
  for (const d of index.decisions) {
    if (d.status !== 'done' || !inVillages(d.villageId)) continue
    const finished = dateOf(decisionFinishedAt(index, d))
    if (!inPeriod(finished)) continue
    const tally = tallyOf(d.villageId)
    tally.finished++
    tally.withDue++
    if (finished <= d.dueOn) tally.onTime++
    tally.decisionDays.push(Math.max(0, countDays(dateOf(d.createdAt), finished)))
    monthOf(finished).finished++
  }
  for (const e of index.escalations) {
    if (!finishedEscalation(e) || !inVillages(e.villageId)) continue
    const finished = dateOf(escalationFinishedAt(e))
    if (!inPeriod(finished)) continue
    const tally = tallyOf(e.villageId)
    tally.finished++
    if (e.dueOn) {
      tally.withDue++
      if (finished <= e.dueOn) tally.onTime++
    }
    tally.escalationDays.push(Math.max(0, countDays(dateOf(escalationStartedAt(e)), finished)))
    monthOf(finished).finished++
  }
  for (const meeting of index.meetingsById.values()) {
    if (!held(meeting) || !inVillages(meeting.villageId) || !inPeriod(dateOf(meeting.startsAt))) continue
    const tally = tallyOf(meeting.villageId)
    tally.meetings++
    tally.attendance += meeting.attendance
  }

  const byVillage: Record<string, StatsFigures> = {}
  const totalCounts = zeroCounts()
  const totalTally = newTally()
  for (const [villageId, tally] of tallies) {
    const counts = cohort.byVillage[villageId] ?? zeroCounts()
    byVillage[villageId] = figures(counts, tally)
    addCounts(totalCounts, counts)
    addTally(totalTally, tally)
    if (!villageIds.includes(villageId)) villageIds.push(villageId)
  }
  const months = monthsOf(period, new Set(trend.keys()))
  return {
    period,
    villageIds,
    total: figures(totalCounts, totalTally),
    byVillage,
    trend: months.map((month) => trend.get(month) ?? { month, collected: 0, escalated: 0, finished: 0 }),
  }
}

function held(meeting: Meeting): boolean {
  return meeting.deletedAt == null && meeting.status === 'closed'
}

/** The columns of the per-village table and the statistics sheet, in order. */
export const statsColumns = [
  'collected', 'onAgenda', 'decided', 'escalated', 'resolved', 'resolutionRate', 'onTimeRate', 'decisionDays',
  'escalationDays', 'ratingMean', 'resolvedShare', 'rulesFormed', 'meetings', 'attendance',
] as const satisfies readonly (keyof StatsFigures)[]
export type StatsColumn = (typeof statsColumns)[number]

/** Columns that are shares (0–1), shown as percentages. */
export const shareColumns: ReadonlySet<StatsColumn> = new Set(['resolutionRate', 'onTimeRate', 'resolvedShare'])
