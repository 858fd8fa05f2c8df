import { createSuggestionArgs } from '@shared/mutations/suggestion'
import { schemaErrors } from '@app/composables/schemaErrors'
import type { SuggestionDraft } from '@app/stores/suggestions'

/** The form's fields checked with the same schema the server uses. */
const draftSchema = createSuggestionArgs.pick({
  content: true,
  category: true,
  source: true,
  submitterName: true,
  submitterPhone: true,
})

export type DraftField = keyof SuggestionDraft
/** Per field, the i18n key of the message to show (`suggestion.validation.*`). */
export type DraftErrors = Partial<Record<DraftField, string>>

/** Validate a draft; returns the message keys per field, empty when the draft can be saved. */
export function validateDraft(draft: SuggestionDraft): DraftErrors {
  const values = {
    ...draft,
    submitterName: draft.submitterName.trim() || null,
    submitterPhone: draft.submitterPhone.trim() || null,
  }
  return schemaErrors(draftSchema, values, 'suggestion') as DraftErrors
}

/** A blank draft with the given source preselected. */
export function emptyDraft(source: SuggestionDraft['source']): SuggestionDraft {
  return { content: '', category: 'other', source, submitterName: '', submitterPhone: '', publicName: false }
}
