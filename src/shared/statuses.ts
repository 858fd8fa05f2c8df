// The statuses of the records that move through a state machine (src/shared/machines). Kept
// apart from the record schemas (records.ts re-exports them) so that the machines, and the
// permission rule pages read (mutations/permissions.ts), load without zod.

export const suggestionStatuses = [
  'new', 'on_agenda', 'answered', 'declined', 'merged', 'decided', 'escalated', 'resolved', 'closed',
] as const
export const meetingStatuses = ['draft', 'announced', 'in_progress', 'closed', 'cancelled'] as const
export const decisionStatuses = ['open', 'done', 'cancelled'] as const
export const escalationStatuses = [
  'submitted', 'accepted', 'assigned', 'resolved', 'closed', 'returned', 'forwarded',
] as const
