import { computed, getCurrentScope, onScopeDispose, shallowReactive, toValue, watch } from 'vue'
import type { ComputedRef, MaybeRefOrGetter } from 'vue'

const dirtyFlags = shallowReactive(new Set<MaybeRefOrGetter<boolean>>())

/** Whether any registered form has unsaved input. */
const editing = computed(() => [...dirtyFlags].some((dirty) => toValue(dirty)))

function warnBeforeUnload(event: BeforeUnloadEvent): void {
  event.preventDefault()
}

watch(editing, (isEditing) => {
  if (typeof window === 'undefined') return
  if (isEditing) window.addEventListener('beforeunload', warnBeforeUnload)
  else window.removeEventListener('beforeunload', warnBeforeUnload)
})

/**
 * Registers a form's "has unsaved input" flag for as long as the calling component (or effect
 * scope) lives. While any registered form is dirty, an app update waits, and closing the page asks
 * for confirmation.
 *
 * @example
 * const dirty = computed(() => content.value.trim() !== '')
 * useFormGuard(dirty)
 */
export function useFormGuard(dirty: MaybeRefOrGetter<boolean>): void {
  dirtyFlags.add(dirty)
  if (getCurrentScope()) onScopeDispose(() => dirtyFlags.delete(dirty))
}

/** `true` while any form registered with {@link useFormGuard} is dirty. */
export function useEditing(): ComputedRef<boolean> {
  return editing
}
