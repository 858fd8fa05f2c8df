import { createSuggestion } from './suggestion'

/** Every mutation by name. Client and server dispatch through this table. */
export const mutations = {
  'suggestion.create': createSuggestion,
} as const

export type MutationName = keyof typeof mutations
