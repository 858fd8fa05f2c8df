import { createSuggestionArgs } from '@shared/mutations/suggestion'
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

const knownMessages = ['content_too_short', 'content_too_long', 'name_too_long', 'phone_invalid']

/** Validate a draft; returns the message keys per field, empty when the draft can be saved. */
export function validateDraft(draft: SuggestionDraft): DraftErrors {
  const parsed = draftSchema.safeParse({
    ...draft,
    submitterName: draft.submitterName.trim() || null,
    submitterPhone: draft.submitterPhone.trim() || null,
  })
  if (parsed.success) return {}
  const errors: DraftErrors = {}
  for (const issue of parsed.error.issues) {
    const field = issue.path[0] as DraftField
    if (errors[field]) continue
    const message = knownMessages.includes(issue.message) ? issue.message : 'required'
    errors[field] = `suggestion.validation.${message}`
  }
  return errors
}

/** A blank draft with the given source preselected. */
export function emptyDraft(source: SuggestionDraft['source']): SuggestionDraft {
  return { content: '', category: 'other', source, submitterName: '', submitterPhone: '', publicName: false }
}
