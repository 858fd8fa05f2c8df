import type { Decision, Escalation, Suggestion } from '../records'
import type { LedgerIndex, LedgerRows } from './rows'
import { asIndex, decisionsFor } from './rows'

export type PathStepKind =
  | 'collected' | 'on_agenda' | 'deferred' | 'answered' | 'declined' | 'merged' | 'decided' | 'escalated'
  | 'resolved' | 'rated' | 'reopened' | 'closed'

/** One step of a suggestion's path through the ledger. */
export interface PathStep {
  kind: PathStepKind
  /**
   * When it happened, as far as the records tell: exact for collection, decisions, escalations,
   * completions with evidence and ratings; the meeting's time for agenda steps; the row's last
   * change for the rest. Null when nothing dates it (an answer the suggestion has since moved on from).
   */
  at: string | null
  meetingId?: string
  topicId?: string
  decisionId?: string
  escalationId?: string
  /** The suggestion it was merged into. */
  mergedInto?: string
  /** The words of the step: the answer, the reason, the decision, the escalation's title or result. */
  text?: string
  /** The decision's or escalation's status now (a decided step may show a cancelled decision). */
  status?: Decision['status'] | Escalation['status']
  /** The decision's or escalation's deadline. */
  dueOn?: string | null
  /** The decision's 专人 or the escalation's assignee. */
  owner?: string | null
  rating?: NonNullable<Suggestion['rating']>
}

function agendaSteps(index: LedgerIndex, suggestion: Suggestion): PathStep[] {
  const dated = (index.topicsBySuggestion.get(suggestion.id) ?? []).map((topic) => ({
    topic,
    at: index.meetingsById.get(topic.meetingId)?.startsAt ?? topic.createdAt,
  }))
  dated.sort((a, b) => Date.parse(a.at) - Date.parse(b.at))
  return dated.flatMap(({ topic, at }) => {
    const step = { at, meetingId: topic.meetingId, topicId: topic.id }
    return topic.outcome === 'deferred'
      ? [{ kind: 'on_agenda' as const, ...step }, { kind: 'deferred' as const, ...step }]
      : [{ kind: 'on_agenda' as const, ...step }]
  })
}

function decisionSteps(index: LedgerIndex, suggestion: Suggestion): PathStep[] {
  return decisionsFor(index, suggestion).flatMap((decision) => {
    const common = {
      decisionId: decision.id, text: decision.text, status: decision.status, dueOn: decision.dueOn, owner: decision.owner,
      ...(decision.meetingId ? { meetingId: decision.meetingId } : {}),
      ...(decision.topicId ? { topicId: decision.topicId } : {}),
    }
    const decided: PathStep = { kind: 'decided', at: decision.createdAt, ...common }
    if (decision.status !== 'done') return [decided]
    const evidence = index.lastProgressByDecision.get(decision.id)
    return [decided, { kind: 'resolved', at: evidence?.createdAt ?? decision.updatedAt, ...common, text: evidence?.text ?? decision.text }]
  })
}

function escalationSteps(index: LedgerIndex, suggestion: Suggestion): PathStep[] {
  return (index.escalationsBySuggestion.get(suggestion.id) ?? []).flatMap((escalation) => {
    const common = {
      escalationId: escalation.id, status: escalation.status, dueOn: escalation.dueOn, owner: escalation.assignee,
      ...(escalation.topicId ? { topicId: escalation.topicId } : {}),
    }
    const escalated: PathStep = { kind: 'escalated', at: escalation.createdAt, ...common, text: escalation.title }
    if (escalation.status !== 'resolved' && escalation.status !== 'closed') return [escalated]
    return [escalated, { kind: 'resolved', at: escalation.updatedAt, ...common, text: escalation.resolution ?? escalation.title }]
  })
}

function triageSteps(suggestion: Suggestion): PathStep[] {
  // The row only dates its current status; an answer it has since moved on from stays undated.
  const at = (status: Suggestion['status']) => (suggestion.status === status ? suggestion.updatedAt : null)
  const steps: PathStep[] = []
  if (suggestion.answer != null) steps.push({ kind: 'answered', at: at('answered'), text: suggestion.answer })
  if (suggestion.declineReason != null) steps.push({ kind: 'declined', at: at('declined'), text: suggestion.declineReason })
  if (suggestion.mergedInto != null) steps.push({ kind: 'merged', at: at('merged'), mergedInto: suggestion.mergedInto })
  return steps
}

function callbackSteps(suggestion: Suggestion): PathStep[] {
  const { rating } = suggestion
  if (!rating) return suggestion.status === 'closed' ? [{ kind: 'closed', at: suggestion.updatedAt }] : []
  const rated: PathStep = { kind: 'rated', at: rating.ratedAt, rating }
  if (suggestion.status === 'closed') return [rated, { kind: 'closed', at: rating.ratedAt }]
  return rating.outcome === 'resolved' ? [rated] : [rated, { kind: 'reopened', at: rating.ratedAt }]
}

/**
 * The path of one suggestion for the ledger's detail view: collected, each agenda it was on
 * (and deferred from), answered / declined / merged, decided, escalated, resolved, rated, and
 * reopened or closed — ordered by time, undated steps staying after the step before them.
 * Pass the rows related to it (or the whole village), or an index to reuse across calls.
 *
 * @example
 * suggestionPath(suggestion, { suggestions, topics, meetings, decisions, escalations, remarks })
 * // [{ kind: 'collected', at: '…' }, { kind: 'on_agenda', meetingId: '…', … }, { kind: 'decided', … }, …]
 */
export function suggestionPath(suggestion: Suggestion, related: LedgerRows | LedgerIndex): PathStep[] {
  const index = asIndex(related)
  const steps: PathStep[] = [
    { kind: 'collected', at: suggestion.createdAt },
    ...agendaSteps(index, suggestion),
    ...triageSteps(suggestion),
    ...decisionSteps(index, suggestion),
    ...escalationSteps(index, suggestion),
    ...callbackSteps(suggestion),
  ]
  // Stable sort by time; an undated step sorts with the step before it in the list.
  let last = Number.NEGATIVE_INFINITY
  const keyed = steps.map((step, position) => {
    if (step.at != null) last = Date.parse(step.at)
    return { step, position, key: last }
  })
  keyed.sort((a, b) => a.key - b.key || a.position - b.position)
  return keyed.map(({ step }) => step)
}
