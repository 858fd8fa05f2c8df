import { ref, watch } from 'vue'
import type { Ref, WatchSource } from 'vue'
import { useFormGuard } from './formGuard'

export interface ActionPanel<A> {
  /** The action whose form is open, if any. */
  open: Ref<A | null>
  /** The open form has unsaved input (an app update waits for it). */
  dirty: Ref<boolean>
  /** Close the form, forgetting its input. */
  close: () => void
  /** Open an action's form, or close it when it is already open. */
  choose: (action: A) => void
}

/**
 * The one-form-at-a-time action panel of a detail page. When the record moves on (another device
 * or a sync changed its status) and the open action no longer applies, its form closes.
 *
 * @example
 * const { open, dirty, close, choose } = useActionPanel(actions, () => suggestion.value?.status)
 */
export function useActionPanel<A>(actions: Ref<readonly A[]>, status: WatchSource<unknown>): ActionPanel<A> {
  const open = ref<A | null>(null) as Ref<A | null>
  const dirty = ref(false)
  useFormGuard(dirty)

  function close(): void {
    open.value = null
    dirty.value = false
  }

  watch(status, () => {
    if (open.value !== null && !actions.value.includes(open.value)) close()
  })

  return {
    open,
    dirty,
    close,
    choose: (action) => {
      open.value = open.value === action ? null : action
      dirty.value = false
    },
  }
}
