import { ref, watch, type Ref } from 'vue'

/** Per field, the i18n key of the message to show under it. */
export type FieldErrors = Partial<Record<string, string>>

export interface ValidatedFormOptions<F extends object> {
  /**
   * The values the form starts from. A `reactive` object of refs (e.g. drafts kept across a
   * reload) is kept as it is, so typing into the form writes those refs.
   */
  initial: F
  /** Field errors of these values (i18n keys); empty when they may be saved. */
  validate: (form: F) => FieldErrors
  /** Whether these values differ from what the form started with. */
  isDirty?: (form: F) => boolean
  /** Set while the form holds unsaved input (the component's `dirty` model), when it has one. */
  dirty?: Ref<boolean>
  /** Called with valid values when the person submits. */
  submit: (form: F) => void
}

/**
 * A form's values, its errors (shown from the first submit on, then updated as the person types),
 * its dirty flag and its submit handler.
 *
 * @example
 * const { form, errors, onSubmit } = useValidatedForm({ initial: { title: '' }, validate, isDirty, dirty, submit })
 */
export function useValidatedForm<F extends object>(options: ValidatedFormOptions<F>) {
  const form = ref(options.initial) as Ref<F>
  const errors = ref<FieldErrors>({})
  const tried = ref(false)

  watch(
    form,
    (value) => {
      if (options.dirty && options.isDirty) options.dirty.value = options.isDirty(value)
      if (tried.value) errors.value = options.validate(value)
    },
    { deep: true },
  )

  function onSubmit(): void {
    tried.value = true
    errors.value = options.validate(form.value)
    if (Object.keys(errors.value).length === 0) options.submit(form.value)
  }

  /** Start over from `next`, with no errors shown. */
  function reset(next: F): void {
    form.value = next
    errors.value = {}
    tried.value = false
  }

  return { form, errors, onSubmit, reset }
}
