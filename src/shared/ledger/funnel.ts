import type { Suggestion } from '../records'
import type { LedgerIndex, LedgerRows } from './rows'
import { asIndex, isPastDue, someDecisionFor, workingEscalationStatuses } from './rows'

/** How many suggestions reached each stage, and how the village's open items stand. */
export interface FunnelCounts {
  /** Every suggestion recorded (征集). */
  collected: number
  /** Listed on a meeting's topic at least once, or on the agenda now. */
  onAgenda: number
  /** Concerned by a decision that was not cancelled, or `decided` now. */
  decided: number
  /** Listed on an escalation, or `escalated` now. */
  escalated: number
  /** `resolved` or crossed off (`closed`) now. */
  resolved: number
  /** Given a satisfaction rating. */
  rated: number
  /** Village rules (制度文件) written: decisions of kind `rule` that are done. */
  rulesFormed: number
  /** Open decisions plus escalations the township is working on. */
  open: number
  /** Those of `open` past their deadline on `today`; null when no `today` was given. */
  overdue: number | null
}

export interface Funnel {
  total: FunnelCounts
  /** By village id; every village in `rows.villages` appears, with zeros if it has nothing. */
  byVillage: Record<string, FunnelCounts>
  /** By township id: the sum over its villages (a village missing from `rows.villages` is left out). */
  byTownship: Record<string, FunnelCounts>
}

const stages = ['collected', 'onAgenda', 'decided', 'escalated', 'resolved', 'rated', 'rulesFormed', 'open'] as const

function zero(today: string | undefined): FunnelCounts {
  return {
    collected: 0, onAgenda: 0, decided: 0, escalated: 0, resolved: 0, rated: 0, rulesFormed: 0, open: 0,
    overdue: today === undefined ? null : 0,
  }
}

function add(into: FunnelCounts, from: FunnelCounts) {
  for (const stage of stages) into[stage] += from[stage]
  if (into.overdue !== null && from.overdue !== null) into.overdue += from.overdue
}

/** The funnel's stages a suggestion can reach past 征集, as bits of `stagesOf`. */
export const Stage = { onAgenda: 1, decided: 2, escalated: 4, resolved: 8, rated: 16 } as const

/**
 * The stages `suggestion` reached, as `Stage` bits: on an agenda (listed on a topic, or on the
 * agenda now), decided (a decision not cancelled concerns it, or `decided` now), escalated
 * (listed on an escalation, or `escalated` now), resolved (`resolved` or `closed` now), rated.
 * The funnel and the statistics both count with it.
 *
 * @example
 * (stagesOf(index, suggestion) & Stage.decided) !== 0
 */
export function stagesOf(index: LedgerIndex, suggestion: Suggestion): number {
  let reached = 0
  if (suggestion.status === 'on_agenda' || index.topicsBySuggestion.has(suggestion.id)) reached |= Stage.onAgenda
  if (suggestion.status === 'decided' || someDecisionFor(index, suggestion, (d) => d.status !== 'cancelled')) reached |= Stage.decided
  if (suggestion.status === 'escalated' || index.escalationsBySuggestion.has(suggestion.id)) reached |= Stage.escalated
  if (suggestion.status === 'resolved' || suggestion.status === 'closed') reached |= Stage.resolved
  if (suggestion.rating) reached |= Stage.rated
  return reached
}

/**
 * The ledger's funnel — collected → on agenda → decided → escalated → resolved → rated → rules
 * formed — per village, per township and in total, with open and overdue items when `today`
 * ('YYYY-MM-DD', Asia/Shanghai) is given. Stages count suggestions that reached them, so a
 * suggestion escalated without a decision counts under escalated and not decided.
 *
 * @example
 * funnel({ suggestions, topics, decisions, escalations, villages }, { today: '2026-10-12' }).byVillage[villageId]
 */
export function funnel(rows: LedgerRows | LedgerIndex, options: { today?: string } = {}): Funnel {
  const index = asIndex(rows)
  const { today } = options
  const byVillage: Record<string, FunnelCounts> = {}
  const counts = (villageId: string) => (byVillage[villageId] ??= zero(today))
  for (const village of index.villages) counts(village.id)

  for (const suggestion of index.suggestions) {
    const c = counts(suggestion.villageId)
    const reached = stagesOf(index, suggestion)
    c.collected++
    if (reached & Stage.onAgenda) c.onAgenda++
    if (reached & Stage.decided) c.decided++
    if (reached & Stage.escalated) c.escalated++
    if (reached & Stage.resolved) c.resolved++
    if (reached & Stage.rated) c.rated++
  }
  for (const decision of index.decisions) {
    const c = counts(decision.villageId)
    if (decision.kind === 'rule' && decision.status === 'done') c.rulesFormed++
    if (decision.status !== 'open') continue
    c.open++
    if (today !== undefined && c.overdue !== null && isPastDue(decision.dueOn, today)) c.overdue++
  }
  for (const escalation of index.escalations) {
    if (!workingEscalationStatuses.includes(escalation.status)) continue
    const c = counts(escalation.villageId)
    c.open++
    if (today !== undefined && c.overdue !== null && isPastDue(escalation.dueOn, today)) c.overdue++
  }

  const total = zero(today)
  const byTownship: Record<string, FunnelCounts> = {}
  const townshipOf = new Map(index.villages.map((village) => [village.id, village.townshipId]))
  for (const [villageId, c] of Object.entries(byVillage)) {
    add(total, c)
    const townshipId = townshipOf.get(villageId)
    if (townshipId) add((byTownship[townshipId] ??= zero(today)), c)
  }
  return { total, byVillage, byTownship }
}
