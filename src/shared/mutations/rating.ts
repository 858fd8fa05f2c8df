// The satisfaction callback (满意度回访): 1–5 stars and whether the matter was resolved.
import { z } from 'zod'
import { suggestionMachine } from '../machines'
import { id, ratingOutcomes } from '../records'
import { boundedText } from '../text'
import { accept, defineMutation, reject, updated } from './core'
import { notRole, outOfScope, refuseTransition, rolesOf } from './guards'

export const rateSuggestionArgs = z.object({
  id,
  stars: z.number().int('stars_invalid').min(1, 'stars_invalid').max(5, 'stars_invalid'),
  outcome: z.enum(ratingOutcomes, 'outcome_required'),
  /** A villager rating their own suggestion shows its receipt code; members rate on their behalf. */
  receiptCode: boundedText(20).optional(),
  /** The villager's own line with the rating, kept on the rating. */
  note: boundedText(500, 'note_too_long').optional(),
})
export type RateSuggestionArgs = z.input<typeof rateSuggestionArgs>

/**
 * Rate an answered or resolved suggestion, by the villager (with the receipt code) or by a
 * collector or cadre on their behalf. "Resolved" crosses it off (`close`); "partly" or
 * "unresolved" reopens it (`reopen`, back to `on_agenda` on the same topic), which puts it on the
 * next meeting's report-back (see `openItems`). The rating does not reopen the decision behind it:
 * a villager or collector may not, and a decision covers every suggestion of its topic, so the
 * cadre weighs that at the report-back and reopens it with `decision.reopen`, which takes this
 * suggestion back to `decided`. A later rating replaces an earlier one.
 */
export const rateSuggestion = defineMutation({
  name: 'suggestion.rate',
  args: rateSuggestionArgs,
  reads: (args) => [{ table: 'suggestions', id: args.id }],
  apply({ args, actor, rows, now }) {
    const row = rows.get('suggestions', args.id)
    if (!row) return reject('not_found', 'id')
    const transition = args.outcome === 'resolved' ? 'close' : 'reopen'
    const refusal =
      outOfScope(actor, row.villageId, 'id') ??
      notRole(actor, rolesOf(suggestionMachine, transition)) ??
      (actor.role === 'villager' && args.receiptCode !== row.receiptCode ? reject('forbidden', 'receiptCode') : null) ??
      refuseTransition(suggestionMachine, transition, row.status, actor, 'id')
    if (refusal) return refusal
    return accept({
      table: 'suggestions',
      row: updated(row, {
        status: suggestionMachine.transitions[transition].to,
        rating: {
          stars: args.stars, outcome: args.outcome, ratedAt: now,
          ...(actor.role === 'villager' ? { by: 'villager' as const } : {}),
          ...(args.note ? { note: args.note } : {}),
        },
      }, now),
    })
  },
})
