// The ledger (台账) is derived from the records, never stored: these are the rows it reads and the
// maps it builds once over them, so every derivation is one pass plus lookups.
import type {
  Decision, Escalation, EscalationStatus, Meeting, Remark, Suggestion, Topic, Village,
} from '../records'

/** The records the ledger derives from. Deleted rows (tombstones) are ignored. */
export interface LedgerRows {
  suggestions: readonly Suggestion[]
  topics?: readonly Topic[]
  meetings?: readonly Meeting[]
  decisions?: readonly Decision[]
  escalations?: readonly Escalation[]
  /** Progress remarks date a decision's completion; other remarks are not needed. */
  remarks?: readonly Remark[]
  /** Needed to add villages up per township. */
  villages?: readonly Village[]
}

/** Lookups over `LedgerRows`, built once by `indexLedger`. */
export interface LedgerIndex {
  /** Live suggestions, in the order given. */
  suggestions: readonly Suggestion[]
  decisions: readonly Decision[]
  escalations: readonly Escalation[]
  villages: readonly Village[]
  meetingsById: ReadonlyMap<string, Meeting>
  topicsById: ReadonlyMap<string, Topic>
  /** Every topic whose list holds the suggestion, by suggestion id. */
  topicsBySuggestion: ReadonlyMap<string, readonly Topic[]>
  decisionsByTopic: ReadonlyMap<string, readonly Decision[]>
  /** Every escalation whose list holds the suggestion, by suggestion id. */
  escalationsBySuggestion: ReadonlyMap<string, readonly Escalation[]>
  /** The latest progress remark on each decision, by decision id. */
  lastProgressByDecision: ReadonlyMap<string, Remark>
}

function live<R extends { deletedAt: string | null }>(rows: readonly R[] | undefined): R[] {
  return (rows ?? []).filter((row) => row.deletedAt == null)
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V) {
  const list = map.get(key)
  if (list) list.push(value)
  else map.set(key, [value])
}

/** Build the ledger's lookups in one pass over each table. */
export function indexLedger(rows: LedgerRows): LedgerIndex {
  const topics = live(rows.topics)
  const decisions = live(rows.decisions)
  const escalations = live(rows.escalations)
  const topicsBySuggestion = new Map<string, Topic[]>()
  for (const topic of topics) for (const one of topic.suggestionIds) push(topicsBySuggestion, one, topic)
  const decisionsByTopic = new Map<string, Decision[]>()
  for (const decision of decisions) if (decision.topicId) push(decisionsByTopic, decision.topicId, decision)
  const escalationsBySuggestion = new Map<string, Escalation[]>()
  for (const escalation of escalations) {
    for (const one of escalation.suggestionIds) push(escalationsBySuggestion, one, escalation)
  }
  const lastProgressByDecision = new Map<string, Remark>()
  for (const remark of live(rows.remarks)) {
    if (remark.subjectType !== 'decision' || remark.kind !== 'progress') continue
    const known = lastProgressByDecision.get(remark.subjectId)
    if (!known || known.createdAt < remark.createdAt) lastProgressByDecision.set(remark.subjectId, remark)
  }
  return {
    suggestions: live(rows.suggestions),
    decisions,
    escalations,
    villages: live(rows.villages),
    meetingsById: new Map(live(rows.meetings).map((meeting) => [meeting.id, meeting])),
    topicsById: new Map(topics.map((topic) => [topic.id, topic])),
    topicsBySuggestion,
    decisionsByTopic,
    escalationsBySuggestion,
    lastProgressByDecision,
  }
}

/** Accept rows or an index built earlier (reuse one index across many calls). */
export function asIndex(rows: LedgerRows | LedgerIndex): LedgerIndex {
  return 'topicsBySuggestion' in rows ? rows : indexLedger(rows)
}

/** Escalation statuses in which the township is working on it (its deadline runs). */
export const workingEscalationStatuses: readonly EscalationStatus[] = ['submitted', 'accepted', 'assigned', 'forwarded']

/**
 * The decisions that concern a suggestion: those of every topic that listed it, except a topic
 * on which it got an outcome of its own (answered or declined there). A merged suggestion follows
 * the one it was merged into and has none.
 */
export function decisionsFor(index: LedgerIndex, suggestion: Suggestion): Decision[] {
  if (suggestion.status === 'merged') return []
  const ownOutcome = suggestion.status === 'answered' || suggestion.status === 'declined'
  return (index.topicsBySuggestion.get(suggestion.id) ?? [])
    .filter((topic) => !(ownOutcome && suggestion.topicId === topic.id))
    .flatMap((topic) => index.decisionsByTopic.get(topic.id) ?? [])
}

/**
 * Whether one of `decisionsFor(index, suggestion)` passes `test`, without building the list: the
 * funnel asks it of every suggestion of a township (20,000 in bench:township).
 */
export function someDecisionFor(index: LedgerIndex, suggestion: Suggestion, test: (decision: Decision) => boolean): boolean {
  if (suggestion.status === 'merged') return false
  const ownOutcome = suggestion.status === 'answered' || suggestion.status === 'declined'
  for (const topic of index.topicsBySuggestion.get(suggestion.id) ?? []) {
    if (ownOutcome && suggestion.topicId === topic.id) continue
    for (const decision of index.decisionsByTopic.get(topic.id) ?? []) if (test(decision)) return true
  }
  return false
}

/** Whether a deadline has passed on `today` (both 'YYYY-MM-DD'). */
export function isPastDue(dueOn: string | null, today: string): boolean {
  return dueOn != null && dueOn < today
}

/** Whether a suggestion has an open decision or a worked escalation whose deadline has passed. */
export function suggestionOverdue(index: LedgerIndex, suggestion: Suggestion, today: string): boolean {
  return (
    decisionsFor(index, suggestion).some((d) => d.status === 'open' && isPastDue(d.dueOn, today)) ||
    (index.escalationsBySuggestion.get(suggestion.id) ?? []).some(
      (e) => workingEscalationStatuses.includes(e.status) && isPastDue(e.dueOn, today),
    )
  )
}
