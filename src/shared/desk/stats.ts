// The township's and the villages' statistics (统计) for a period, derived from the same rows and
// the same funnel as the village ledger (src/shared/ledger), so a village's figures on the
// township's page are the figures its own ledger shows.
import type { WorkCalendar } from '../calendar'
import { workingDaysBetween } from '../calendar'
import type { FunnelCounts, LedgerIndex, LedgerRows } from '../ledger'
import { Stage, stagesOf } from '../ledger'
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
 * What the statistics of any period are added up from, derived once from the rows: per
 * suggestion its village, the date it was collected, the funnel's stages it reached (`stagesOf`,
 * as the ledger counts them) and its rating; per decision and escalation when it was made, whether
 * and when it was finished, on time, in how many working days; per meeting held its date and
 * attendance. Numbers only, in typed arrays (dates as YYYYMMDD): the device keeps them between
 * visits (a township's 20,000 suggestions make ~0.5 MB, read back in a few milliseconds).
 */
export interface StatsFacts {
  /** The villages the facts name by position: the rows' villages first, in order. */
  villageIds: string[]
  /** How many of `villageIds` are the rows' villages (the rest appear only in records). */
  listed: number
  /** [village, collected, stages, stars] per live suggestion. */
  suggestions: Int32Array
  /** [village, made, flags (Done, RuleDone, OnTime), finished, working days] per live decision. */
  decisions: Int32Array
  /** [village, escalated, flags (Done, WithDue, OnTime), finished, working days] per live escalation. */
  escalations: Int32Array
  /** [village, started, attendance] per meeting held. */
  meetings: Int32Array
}

const S = 4
const W = 5
const M = 3
const Done = 1
const RuleDone = 2
const OnTime = 4
const WithDue = 8

/** 'YYYY-MM-DD' as the number YYYYMMDD (the same order as the text). */
const dateNumber = (date: string) =>
  Number(date.slice(0, 4)) * 10_000 + Number(date.slice(5, 7)) * 100 + Number(date.slice(8, 10))
const monthKey = (date: number) => `${String(Math.floor(date / 10_000)).padStart(4, '0')}-${pad(Math.floor(date / 100) % 100)}`

/**
 * The facts of `rows` (see `StatsFacts`): one pass over each table, working days counted once
 * per pair of dates with the township's `calendar`.
 *
 * @example
 * statsOf(statsFacts(index, { calendar }), periodOf('year', today)).total.collected
 */
export function statsFacts(rows: LedgerRows | LedgerIndex, options: Pick<StatsOptions, 'calendar' | 'countDays'>): StatsFacts {
  const index = asIndex(rows)
  const countDays = options.countDays ?? workingDayCounter(options.calendar)
  const villageIds = index.villages.map((village) => village.id)
  const listed = villageIds.length
  const positions = new Map(villageIds.map((id, i) => [id, i]))
  const villageOf = (id: string) => {
    let at = positions.get(id)
    if (at === undefined) positions.set(id, (at = villageIds.push(id) - 1))
    return at
  }
  const dates = new Map<string, string>()
  const dateOf = (instant: string) => {
    let date = dates.get(instant)
    if (date === undefined) dates.set(instant, (date = shanghaiDateOf(instant)))
    return date
  }

  const suggestions = new Int32Array(index.suggestions.length * S)
  index.suggestions.forEach((s, i) => {
    suggestions.set([villageOf(s.villageId), dateNumber(dateOf(s.createdAt)), stagesOf(index, s), s.rating?.stars ?? 0], i * S)
    if (s.rating?.outcome === 'resolved') suggestions[i * S + 2]! |= RatedResolved
  })
  const decisions = new Int32Array(index.decisions.length * W)
  index.decisions.forEach((d, i) => {
    const made = dateOf(d.createdAt)
    let flags = 0
    let finished = 0
    let days = 0
    if (d.status === 'done') {
      const date = dateOf(decisionFinishedAt(index, d))
      flags |= Done | (d.kind === 'rule' ? RuleDone : 0) | (date <= d.dueOn ? OnTime : 0)
      finished = dateNumber(date)
      days = Math.max(0, countDays(made, date))
    }
    decisions.set([villageOf(d.villageId), dateNumber(made), flags, finished, days], i * W)
  })
  const escalations = new Int32Array(index.escalations.length * W)
  index.escalations.forEach((e, i) => {
    let flags = 0
    let finished = 0
    let days = 0
    if (finishedEscalation(e)) {
      const date = dateOf(escalationFinishedAt(e))
      flags |= Done | (e.dueOn ? WithDue : 0) | (e.dueOn && date <= e.dueOn ? OnTime : 0)
      finished = dateNumber(date)
      days = Math.max(0, countDays(dateOf(escalationStartedAt(e)), date))
    }
    escalations.set([villageOf(e.villageId), dateNumber(dateOf(e.createdAt)), flags, finished, days], i * W)
  })
  const held = [...index.meetingsById.values()].filter(isHeld)
  const meetings = new Int32Array(held.length * M)
  held.forEach((meeting, i) => meetings.set([villageOf(meeting.villageId), dateNumber(dateOf(meeting.startsAt)), meeting.attendance], i * M))
  return { villageIds, listed, suggestions, decisions, escalations, meetings }
}

/** A suggestion's rating said 解决了 (a bit next to `Stage`'s). */
const RatedResolved = 1 << 8

/**
 * The statistics of a period from `statsFacts`, per village and in total. The suggestions
 * collected in the period are the cohort: the ledger's funnel stages over them give collected, on
 * an agenda, decided, escalated, resolved, rated (so with `allTime` a village's figures are its
 * ledger's funnel); rules formed count rules decided in the period and done. Decisions done and
 * escalations resolved in the period give the on-time rate and the median working days (decisions
 * and escalations apart); meetings closed whose start falls in the period give meetings held and
 * attendance. `villageIds`: only these villages (a cadre's own); default every village.
 */
export function statsOf(facts: StatsFacts, period: Period, villageIds?: readonly string[]): Stats {
  const from = dateNumber(period.from)
  const to = dateNumber(period.to)
  const inPeriod = (date: number) => date >= from && date <= to
  const count = facts.villageIds.length
  const wanted = villageIds ? new Set(villageIds) : null
  const counted = facts.villageIds.map((id) => wanted === null || wanted.has(id))
  const cohorts = Array.from({ length: count }, zeroCounts)
  const tallies = Array.from({ length: count }, newTally)
  const active = new Array<boolean>(count).fill(false)
  const trend = new Map<string, TrendMonth>()
  const monthOf = (date: number) => {
    const key = monthKey(date)
    let month = trend.get(key)
    if (!month) trend.set(key, (month = { month: key, collected: 0, escalated: 0, finished: 0 }))
    return month
  }

  const s = facts.suggestions
  for (let i = 0; i < s.length; i += S) {
    const v = s[i]!
    if (!counted[v] || !inPeriod(s[i + 1]!)) continue
    const reached = s[i + 2]!
    const c = cohorts[v]!
    active[v] = true
    monthOf(s[i + 1]!).collected++
    c.collected++
    if (reached & Stage.onAgenda) c.onAgenda++
    if (reached & Stage.decided) c.decided++
    if (reached & Stage.escalated) c.escalated++
    if (reached & Stage.resolved) c.resolved++
    if (reached & Stage.rated) {
      c.rated++
      const tally = tallies[v]!
      tally.rated++
      tally.stars += s[i + 3]!
      if (reached & RatedResolved) tally.resolvedRatings++
    }
  }
  const work = (rows: Int32Array, decision: boolean) => {
    for (let i = 0; i < rows.length; i += W) {
      const v = rows[i]!
      if (!counted[v]) continue
      const flags = rows[i + 2]!
      if (inPeriod(rows[i + 1]!)) {
        if (decision && flags & RuleDone) cohorts[v]!.rulesFormed++
        if (!decision) monthOf(rows[i + 1]!).escalated++
      }
      const finished = rows[i + 3]!
      if (!(flags & Done) || !inPeriod(finished)) continue
      const tally = tallies[v]!
      active[v] = true
      tally.finished++
      if (decision || flags & WithDue) {
        tally.withDue++
        if (flags & OnTime) tally.onTime++
      }
      ;(decision ? tally.decisionDays : tally.escalationDays).push(rows[i + 4]!)
      monthOf(finished).finished++
    }
  }
  work(facts.decisions, true)
  work(facts.escalations, false)
  const m = facts.meetings
  for (let i = 0; i < m.length; i += M) {
    const v = m[i]!
    if (!counted[v] || !inPeriod(m[i + 1]!)) continue
    active[v] = true
    tallies[v]!.meetings++
    tallies[v]!.attendance += m[i + 2]!
  }

  // The villages asked for (or the rows' villages), then any other village with records in the period.
  const shown = villageIds ? [...villageIds] : facts.villageIds.slice(0, facts.listed)
  const positions = new Map(facts.villageIds.map((id, i) => [id, i]))
  for (let v = facts.listed; v < count; v++) if (active[v] && counted[v] && !shown.includes(facts.villageIds[v]!)) shown.push(facts.villageIds[v]!)
  const byVillage: Record<string, StatsFigures> = {}
  const totalCounts = zeroCounts()
  const totalTally = newTally()
  for (const id of shown) {
    const v = positions.get(id)
    const counts = v === undefined ? zeroCounts() : cohorts[v]!
    const tally = v === undefined ? newTally() : tallies[v]!
    byVillage[id] = figures(counts, tally)
    addCounts(totalCounts, counts)
    addTally(totalTally, tally)
  }
  const months = monthsOf(period, new Set(trend.keys()))
  return {
    period,
    villageIds: shown,
    total: figures(totalCounts, totalTally),
    byVillage,
    trend: months.map((month) => trend.get(month) ?? { month, collected: 0, escalated: 0, finished: 0 }),
  }
}

/**
 * The statistics of a period, per village and in total: `statsOf(statsFacts(rows), period)` (see
 * both). One pass over each table, working days counted once per pair of dates.
 *
 * @example
 * townshipStats(rows, periodOf('quarter', today), { calendar: defaultCalendar }).byVillage[villageId].onTimeRate
 */
export function townshipStats(rows: LedgerRows | LedgerIndex, period: Period, options: StatsOptions): Stats {
  return statsOf(statsFacts(rows, options), period, options.villageIds)
}

function isHeld(meeting: Meeting): boolean {
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
