import { createTopicArgs } from '@shared/mutations/topic'
import { schemaErrors } from '@app/composables/schemaErrors'
import { useValidatedForm } from '@app/composables/validatedForm'

/** The topic's title rule (`topic.create` and `topic.update` share it), in the meeting page's words. */
const titleSchema = createTopicArgs.pick({ title: true })

/**
 * A form of one topic title, checked with the mutations' rule (`meeting.validation.topic_*`).
 *
 * @example
 * const { form, errors, onSubmit } = useTopicTitleForm((title) => emit('add', title))
 */
export function useTopicTitleForm(submit: (title: string) => void) {
  return useValidatedForm({
    initial: { title: '' },
    validate: (value) => schemaErrors(titleSchema, value, 'meeting', { title: 'topic' }),
    submit: ({ title }) => submit(title.trim()),
  })
}
