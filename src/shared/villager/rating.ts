// The villager's own rating of a result (满意度): 1–5 stars, resolved / partly / not resolved, and
// an optional line. It runs through the same `suggestion.rate` mutation as a cadre's callback, so
// "partly" and "not resolved" reopen the item onto the next report-back by the same rule.
import type { SuggestionStatus } from '../records'

/** The outcomes a villager picks from (the record's list; checked against it in the unit tests). */
export const villagerOutcomes = ['resolved', 'partly', 'unresolved'] as const
export type VillagerOutcome = (typeof villagerOutcomes)[number]

/** Longest line a villager may add to a rating. */
export const RATING_NOTE_MAX = 500

/** `POST /api/v/:code/suggestions/:id/rating`. */
export interface VillagerRating {
  /** The receipt's secret, kept on the phone that submitted. */
  secret: string
  stars: number
  outcome: VillagerOutcome
  /** Blank when not given. */
  note: string
}

export type RatingProblem = 'stars_invalid' | 'outcome_invalid' | 'note_too_long'

/** Statuses a villager may rate from: the item was resolved (a decision done, an escalation resolved) or answered. */
export const rateableStatuses: readonly SuggestionStatus[] = ['answered', 'resolved']

/**
 * Whether the villager is asked for a rating now. Once rated the item has moved on (crossed off,
 * or back on the agenda) and is asked again only when it is resolved again.
 */
export function villagerMayRate(status: SuggestionStatus): boolean {
  return rateableStatuses.includes(status)
}

/** The problems of a rating the page is about to send; empty when it may be sent. */
export function ratingProblems(rating: Pick<VillagerRating, 'stars' | 'outcome' | 'note'>): Partial<Record<'stars' | 'outcome' | 'note', RatingProblem>> {
  const problems: Partial<Record<'stars' | 'outcome' | 'note', RatingProblem>> = {}
  if (!Number.isInteger(rating.stars) || rating.stars < 1 || rating.stars > 5) problems.stars = 'stars_invalid'
  if (!(villagerOutcomes as readonly string[]).includes(rating.outcome)) problems.outcome = 'outcome_invalid'
  if (rating.note.trim().length > RATING_NOTE_MAX) problems.note = 'note_too_long'
  return problems
}

/**
 * Whether a stored rating is the one this request would give (the same villager sending it
 * again after a lost answer): then the request is answered as done instead of refused, since
 * the first one already moved the item on.
 */
export function isSameRating(
  stored: { stars: number; outcome: string; by?: string; note?: string } | null,
  asked: Pick<VillagerRating, 'stars' | 'outcome' | 'note'>,
): boolean {
  return (
    stored !== null && stored.by === 'villager' && stored.stars === asked.stars && stored.outcome === asked.outcome &&
    (stored.note ?? '') === asked.note.trim()
  )
}
