import type { Suggestion, SuggestionCategory, SuggestionSource, SuggestionStatus } from '../records'
import type { LedgerIndex, LedgerRows } from './rows'
import { asIndex, suggestionOverdue } from './rows'

type OneOrMany<T> = T | readonly T[]

/** The village ledger screen's filters; each one given narrows the list, absent ones do not. */
export interface LedgerFilter {
  /** One village's suggestions, when the rows hold several (a township's view). */
  villageId?: string
  status?: OneOrMany<SuggestionStatus>
  category?: OneOrMany<SuggestionCategory>
  source?: OneOrMany<SuggestionSource>
  /** On a topic of this meeting (at any time). */
  meetingId?: string
  /** true: only suggestions with an overdue decision or escalation; false: only those without. */
  overdue?: boolean
  /** Words in the content, answer, reason, submitter's name or receipt code (case-insensitive). */
  text?: string
}

// Array.isArray does not narrow a readonly array out of a union.
function isList<T>(value: OneOrMany<T>): value is readonly T[] {
  return Array.isArray(value)
}

function matcher<T>(wanted: OneOrMany<T> | undefined): (value: T) => boolean {
  if (wanted === undefined) return () => true
  const set = new Set<T>(isList(wanted) ? wanted : [wanted])
  return (value) => set.has(value)
}

function searchable(suggestion: Suggestion): string {
  return [
    suggestion.content, suggestion.answer, suggestion.declineReason, suggestion.submitterName, suggestion.receiptCode,
  ].filter(Boolean).join('\n').toLowerCase()
}

/**
 * The suggestions of the ledger that pass every given filter, newest first. `today`
 * ('YYYY-MM-DD', Asia/Shanghai) decides what is overdue.
 *
 * @example
 * ledgerFilter(rows, { status: ['decided', 'escalated'], overdue: true, text: '路灯' }, '2026-10-12')
 */
export function ledgerFilter(rows: LedgerRows | LedgerIndex, filter: LedgerFilter, today: string): Suggestion[] {
  const index = asIndex(rows)
  const status = matcher(filter.status)
  const category = matcher(filter.category)
  const source = matcher(filter.source)
  const words = filter.text?.trim().toLowerCase().split(/\s+/).filter(Boolean) ?? []
  const onMeeting = (suggestion: Suggestion) =>
    filter.meetingId === undefined ||
    (index.topicsBySuggestion.get(suggestion.id) ?? []).some((topic) => topic.meetingId === filter.meetingId)

  return index.suggestions
    .filter((suggestion) => {
      if (filter.villageId !== undefined && suggestion.villageId !== filter.villageId) return false
      if (!status(suggestion.status) || !category(suggestion.category) || !source(suggestion.source)) return false
      if (!onMeeting(suggestion)) return false
      if (filter.overdue !== undefined && suggestionOverdue(index, suggestion, today) !== filter.overdue) return false
      if (words.length === 0) return true
      const haystack = searchable(suggestion)
      return words.every((word) => haystack.includes(word))
    })
    .sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt) || b.id.localeCompare(a.id))
}
