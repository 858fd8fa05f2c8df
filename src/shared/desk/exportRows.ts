// The rows of the exported ledger (台账) and statistics table: plain values per column, the same
// for the .xlsx and the CSV file (exportFiles.ts writes them). Words come from the caller (the
// app's locale), so nothing here is tied to one language.
import type { LedgerIndex, LedgerRows } from '../ledger'
import { decisionsFor, suggestionOverdue, suggestionPath } from '../ledger'
import { asIndex } from '../ledger/rows'
import type {
  Decision, Escalation, SuggestionCategory, SuggestionSource, SuggestionStatus, ratingOutcomes,
} from '../records'
import type { Stats, StatsColumn } from './stats'
import { decisionFinishedAt, escalationFinishedAt, shanghaiDateOf, shareColumns, statsColumns } from './stats'

/** How a column's values are written: text, a calendar date ('YYYY-MM-DD'), a number or a share (0–1). */
export type ColumnKind = 'text' | 'date' | 'number' | 'share'

export interface ExportColumn<K extends string = string> {
  key: K
  header: string
  kind: ColumnKind
  /** Width in characters (a Chinese character counts about two). */
  width: number
}

export type ExportValue = string | number | null

/** A sheet: its columns and its rows, one value per column (null: empty cell). */
export interface ExportTable<K extends string = string> {
  name: string
  columns: ExportColumn<K>[]
  rows: ExportValue[][]
}

export const ledgerColumnKeys = [
  'number', 'village', 'collectedOn', 'source', 'submitter', 'content', 'category', 'status', 'agenda', 'decision',
  'owner', 'dueOn', 'resolvedOn', 'overdue', 'rating', 'department', 'result',
] as const
export type LedgerColumnKey = (typeof ledgerColumnKeys)[number]

const ledgerShape: Record<LedgerColumnKey, { kind: ColumnKind; width: number }> = {
  number: { kind: 'text', width: 12 },
  village: { kind: 'text', width: 12 },
  collectedOn: { kind: 'date', width: 12 },
  source: { kind: 'text', width: 10 },
  submitter: { kind: 'text', width: 10 },
  content: { kind: 'text', width: 48 },
  category: { kind: 'text', width: 10 },
  status: { kind: 'text', width: 10 },
  agenda: { kind: 'text', width: 28 },
  decision: { kind: 'text', width: 36 },
  owner: { kind: 'text', width: 14 },
  dueOn: { kind: 'date', width: 12 },
  resolvedOn: { kind: 'date', width: 12 },
  overdue: { kind: 'text', width: 9 },
  rating: { kind: 'text', width: 14 },
  department: { kind: 'text', width: 16 },
  result: { kind: 'text', width: 36 },
}

/** The words an export needs, in the person's language. */
export interface ExportWords {
  ledgerSheet: string
  statsSheet: string
  headers: Record<LedgerColumnKey, string>
  statsHeaders: Record<StatsColumn | 'village', string>
  total: string
  status: Record<SuggestionStatus, string>
  source: Record<SuggestionSource, string>
  category: Record<SuggestionCategory, string>
  outcome: Record<(typeof ratingOutcomes)[number], string>
  /** '{n}星' style: the stars of a rating. */
  stars: (n: number) => string
  yes: string
  no: string
  /** Between several values in one cell. */
  separator: string
}

const unique = <T>(values: readonly T[]) => [...new Set(values)]
const minDate = (dates: readonly (string | null)[]) =>
  dates.reduce<string | null>((min, d) => (d != null && (min == null || d < min) ? d : min), null)

function finishedLate(index: LedgerIndex, decisions: readonly Decision[], escalations: readonly Escalation[]): boolean {
  return (
    decisions.some((d) => d.status === 'done' && shanghaiDateOf(decisionFinishedAt(index, d)) > d.dueOn) ||
    escalations.some(
      (e) => (e.status === 'resolved' || e.status === 'closed') && e.dueOn != null && shanghaiDateOf(escalationFinishedAt(e)) > e.dueOn,
    )
  )
}

export interface LedgerExportOptions {
  /** 'YYYY-MM-DD' in Shanghai: what is overdue. */
  today: string
  words: ExportWords
  /** Only these villages (a cadre's own); default all in the rows. */
  villageIds?: readonly string[]
}

/**
 * The ledger as a table: one row per suggestion, by village (in the rows' order) and then by the
 * day it came in. 编号 is the village code and the suggestion's place in its village's ledger
 * (oldest first), so it stays the same from one export to the next. 是否超期 is 是 for an item past
 * its deadline now or finished after it.
 *
 * @example
 * ledgerExportRows(townshipRows, { today: '2026-10-12', words }).rows[0] // ['ltc001-1', '刘土城村', '2026-09-01', …]
 */
export function ledgerExportRows(rows: LedgerRows | LedgerIndex, options: LedgerExportOptions): ExportTable<LedgerColumnKey> {
  const index = asIndex(rows)
  const { words, today } = options
  const wanted = options.villageIds ? new Set(options.villageIds) : null
  const villages = index.villages.filter((village) => wanted === null || wanted.has(village.id))
  const order = new Map(villages.map((village, i) => [village.id, i]))
  const list = index.suggestions
    .filter((s) => order.has(s.villageId))
    .sort((a, b) => order.get(a.villageId)! - order.get(b.villageId)! || a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id))
  const join = (values: readonly (string | null | undefined)[]) => {
    const kept = unique(values.filter((v): v is string => !!v))
    return kept.length ? kept.join(words.separator) : null
  }

  let villageId = ''
  let number = 0
  const out: ExportValue[][] = []
  for (const s of list) {
    if (s.villageId !== villageId) {
      villageId = s.villageId
      number = 0
    }
    number++
    const village = villages[order.get(s.villageId)!]!
    const topics = index.topicsBySuggestion.get(s.id) ?? []
    const decisions = decisionsFor(index, s).filter((d) => d.status !== 'cancelled')
    const escalations = index.escalationsBySuggestion.get(s.id) ?? []
    const agenda = topics.map((topic) => {
      const meeting = index.meetingsById.get(topic.meetingId)
      return meeting ? `${topic.title}（${meeting.title}）` : topic.title
    })
    const resolvedStep = s.status === 'resolved' || s.status === 'closed'
      ? suggestionPath(s, index).filter((step) => step.kind === 'resolved' || step.kind === 'closed').at(0)
      : undefined
    const overdue = suggestionOverdue(index, s, today) || finishedLate(index, decisions, escalations)
    const values: Record<LedgerColumnKey, ExportValue> = {
      number: `${village.code}-${number}`,
      village: village.name,
      collectedOn: shanghaiDateOf(s.createdAt),
      source: words.source[s.source],
      submitter: s.submitterName,
      content: s.content,
      category: words.category[s.category],
      status: words.status[s.status],
      agenda: join(agenda),
      decision: join(decisions.map((d) => d.text)),
      owner: join([...decisions.map((d) => d.owner), ...escalations.map((e) => e.assignee)]),
      dueOn: minDate([...decisions.map((d) => d.dueOn), ...escalations.map((e) => e.dueOn)]),
      resolvedOn: resolvedStep?.at ? shanghaiDateOf(resolvedStep.at) : null,
      overdue: overdue ? words.yes : words.no,
      rating: s.rating ? `${words.stars(s.rating.stars)} ${words.outcome[s.rating.outcome]}` : null,
      department: join(escalations.map((e) => e.department)),
      result: join([...escalations.map((e) => e.resolution), s.answer, s.declineReason]),
    }
    out.push(ledgerColumnKeys.map((key) => values[key]))
  }
  return {
    name: words.ledgerSheet,
    columns: ledgerColumnKeys.map((key) => ({ key, header: words.headers[key], ...ledgerShape[key] })),
    rows: out,
  }
}

/** The statistics as a table: one row per village, then the township's total. */
export function statsExportRows(stats: Stats, villageNames: ReadonlyMap<string, string>, words: ExportWords): ExportTable<StatsColumn | 'village'> {
  const columns: ExportColumn<StatsColumn | 'village'>[] = [
    { key: 'village', header: words.statsHeaders.village, kind: 'text', width: 14 },
    ...statsColumns.map((key) => ({
      key, header: words.statsHeaders[key], kind: shareColumns.has(key) ? ('share' as const) : ('number' as const), width: 12,
    })),
  ]
  const line = (name: string, figures: Stats['total']): ExportValue[] => [name, ...statsColumns.map((key) => figures[key])]
  return {
    name: words.statsSheet,
    columns,
    rows: [
      ...stats.villageIds.map((id) => line(villageNames.get(id) ?? id, stats.byVillage[id]!)),
      line(words.total, stats.total),
    ],
  }
}
