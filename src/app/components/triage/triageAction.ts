/** The four ways out of the inbox: onto an agenda, merged into a duplicate, answered, declined. */
export const triageActions = ['schedule', 'merge', 'answer', 'decline'] as const
export type TriageAction = (typeof triageActions)[number]
