// What a villager sees of their own item: the steps of the same ledger path the cadres see
// (`suggestionPath`), each with its date and only the words the village wrote for it — a decision
// and its 专人, a result, an answer, a reason — never a name or phone of anyone who submitted.
import type { LedgerIndex } from '../ledger'
import { suggestionPath } from '../ledger'
import type { PathStep } from '../ledger/path'
import type { Meeting, Suggestion, SuggestionCategory, SuggestionStatus } from '../records'
import { villagerMayRate } from './rating'

export type VillagerStepKind =
  | 'received' | 'on_agenda' | 'deferred' | 'decided' | 'escalated' | 'resolved' | 'answered' | 'declined'
  | 'merged' | 'rated' | 'reopened' | 'closed'

/** One step of an item's path, in the words a villager reads (`src/villager/locales`). */
export interface VillagerStep {
  kind: VillagerStepKind
  /** When it happened; null when the records do not date it. */
  at: string | null
  /** on_agenda, deferred: the meeting; its time is null while the meeting is only a draft. */
  meeting?: { title: string; startsAt: string | null }
  /** decided: the decision; resolved: the result; answered: the answer; declined: the reason. */
  text?: string
  /** decided: the 专人 (a cadre, named in public by the meeting). */
  owner?: string
  /** decided: the decision's deadline; escalated: the township's, once it set one. */
  dueOn?: string | null
  /** decided: `cancelled` when the decision was called off; escalated: how the township stands. */
  state?: 'open' | 'done' | 'cancelled' | 'working' | 'returned' | 'resolved'
  /** rated: the stars and outcome, and whether the villager gave them here or a cadre on a callback. */
  rating?: { stars: number; outcome: 'resolved' | 'partly' | 'unresolved'; by: 'villager' | 'member' }
}

/** An item as the village page shows it to whoever holds its receipt. */
export interface VillagerView {
  id: string
  content: string
  category: SuggestionCategory
  status: SuggestionStatus
  createdAt: string
  /** Every step, oldest first. */
  steps: VillagerStep[]
  /** Where it stands now: the latest step of the kind its status says (see `currentStep`). */
  current: VillagerStep
  /** The villager is asked to rate it now (answered or resolved). */
  canRate: boolean
  /** Voice notes and photos attached. */
  attachments: number
}

const escalationState = (status: string | undefined): VillagerStep['state'] =>
  status === 'returned' ? 'returned' : status === 'resolved' || status === 'closed' ? 'resolved' : 'working'

const decisionState = (status: string | undefined): VillagerStep['state'] =>
  status === 'cancelled' ? 'cancelled' : status === 'done' ? 'done' : 'open'

/** One ledger path step in a villager's words, or null for a step they are not shown. */
function fromPath(step: PathStep, index: LedgerIndex, suggestion: Suggestion): VillagerStep | null {
  const at = step.at
  switch (step.kind) {
    case 'collected':
      return { kind: 'received', at }
    case 'on_agenda':
    case 'deferred': {
      const meeting = step.meetingId ? index.meetingsById.get(step.meetingId) : undefined
      const dated = meeting && meeting.status !== 'draft'
      return {
        kind: step.kind,
        at: dated ? meeting.startsAt : at,
        ...(meeting ? { meeting: { title: meeting.title, startsAt: dated ? meeting.startsAt : null } } : {}),
      }
    }
    case 'decided':
      return { kind: 'decided', at, text: step.text ?? '', owner: step.owner ?? '', dueOn: step.dueOn ?? null, state: decisionState(step.status) }
    case 'escalated':
      return { kind: 'escalated', at, dueOn: step.dueOn ?? null, state: escalationState(step.status) }
    case 'resolved':
      return { kind: 'resolved', at, text: step.text ?? '' }
    case 'answered':
      return { kind: 'answered', at, text: step.text ?? '' }
    case 'declined':
      return { kind: 'declined', at, text: step.text ?? '' }
    case 'merged':
      return { kind: 'merged', at: at ?? suggestion.updatedAt }
    case 'rated': {
      const rating = step.rating
      if (!rating) return null
      return { kind: 'rated', at, rating: { stars: rating.stars, outcome: rating.outcome, by: rating.by === 'villager' ? 'villager' : 'member' } }
    }
    case 'reopened':
      return { kind: 'reopened', at }
    case 'closed':
      return { kind: 'closed', at }
  }
}

/** How many merges deep an item's steps follow the item it was merged into. */
const MERGE_DEPTH = 3

/**
 * The steps of a suggestion in a villager's words, oldest first. A merged item continues with the
 * steps of the item it was merged into (what the village did about both), leaving out that item's
 * own receipt and rating, which belong to someone else.
 *
 * @example
 * villagerSteps(suggestion, indexLedger(villageRows))
 * // [{ kind: 'received', at }, { kind: 'on_agenda', meeting: { title, startsAt } }, { kind: 'decided', text, owner, dueOn }]
 */
export function villagerSteps(suggestion: Suggestion, index: LedgerIndex, depth = 0): VillagerStep[] {
  const own = suggestionPath(suggestion, index).flatMap((step) => fromPath(step, index, suggestion) ?? [])
  if (suggestion.status !== 'merged' || !suggestion.mergedInto || depth >= MERGE_DEPTH) return own
  const target = index.suggestions.find((one) => one.id === suggestion.mergedInto)
  if (!target) return own
  const followed = villagerSteps(target, index, depth + 1).filter(
    (step) => step.kind !== 'received' && step.kind !== 'rated' && step.kind !== 'reopened' && step.kind !== 'closed',
  )
  return [...own, ...followed]
}

/** The step kinds that say where an item of each status stands, as they read to a villager. */
const currentKinds: Record<SuggestionStatus, readonly VillagerStepKind[]> = {
  new: ['received', 'deferred'],
  on_agenda: ['on_agenda', 'reopened'],
  answered: ['answered'],
  declined: ['declined'],
  merged: ['merged'],
  decided: ['decided'],
  escalated: ['escalated'],
  resolved: ['resolved'],
  closed: ['closed'],
}

const openMeetings: readonly Meeting['status'][] = ['draft', 'announced', 'in_progress']

/**
 * Where an item stands now, by its status: the latest of the steps that status reads as (put off
 * at a meeting and back in the inbox is "deferred"). On the agenda, it is the meeting it waits
 * for, or — once that meeting is over and a rating reopened it — "reopened". Not simply the last
 * step by date: a meeting can be dated after a decision taken at it, when it was run before its
 * announced time.
 */
export function currentStep(suggestion: Suggestion, steps: readonly VillagerStep[], index: LedgerIndex): VillagerStep {
  if (suggestion.status === 'on_agenda') {
    const topic = suggestion.topicId ? index.topicsById.get(suggestion.topicId) : undefined
    const meeting = topic ? index.meetingsById.get(topic.meetingId) : undefined
    const waiting = meeting && openMeetings.includes(meeting.status)
    const reopened = suggestion.rating && suggestion.rating.outcome !== 'resolved'
    if (reopened && !waiting) return { kind: 'reopened', at: suggestion.rating!.ratedAt }
    if (meeting) {
      const dated = meeting.status !== 'draft'
      return { kind: 'on_agenda', at: dated ? meeting.startsAt : null, meeting: { title: meeting.title, startsAt: dated ? meeting.startsAt : null } }
    }
  }
  const kinds = currentKinds[suggestion.status]
  let found: VillagerStep | undefined
  for (const step of steps) if (kinds.includes(step.kind)) found = step
  return found ?? steps.at(-1) ?? { kind: 'received', at: null }
}

/**
 * An item as its receipt shows it: the villager's own text, the category, the status and its
 * steps, whether a rating is asked for. Nothing else of the row (name, phone, who typed it in).
 */
export function villagerView(suggestion: Suggestion, index: LedgerIndex): VillagerView {
  const steps = villagerSteps(suggestion, index)
  return {
    id: suggestion.id,
    content: suggestion.content,
    category: suggestion.category,
    status: suggestion.status,
    createdAt: suggestion.createdAt,
    steps,
    current: currentStep(suggestion, steps, index),
    canRate: villagerMayRate(suggestion.status),
    attachments: suggestion.attachmentIds.length,
  }
}
