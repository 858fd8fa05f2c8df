import { suggestionMachine, transitionsFrom } from '@shared/machines'
import type { ActorRole, SuggestionStatus } from '@shared/records'

/** What a cadre may do with a suggestion from its page: escalate it, or answer or decline it at once. */
export type SuggestionAction = 'escalate' | 'answer' | 'decline'

const suggestionActionOrder: readonly SuggestionAction[] = ['escalate', 'answer', 'decline']

/** The suggestion actions the state machine allows `role` from `status`. */
export function suggestionActions(status: SuggestionStatus, role: ActorRole): SuggestionAction[] {
  const allowed = new Set<string>(transitionsFrom(suggestionMachine, status, role))
  return suggestionActionOrder.filter((action) => allowed.has(action))
}
