import { liveQuery } from 'dexie'
import { shallowRef, watch, type ShallowRef, type WatchSource } from 'vue'
import { tryOnScopeDispose } from './scope'

/**
 * Keep a ref in step with a Dexie query: re-runs when the tables it read change (also from other
 * tabs). The query re-subscribes when `deps` change.
 *
 * @example
 * const count = useLiveQuery(() => db.outbox.count(), 0)
 */
export function useLiveQuery<T>(
  query: () => Promise<T>,
  initial: T,
  deps?: WatchSource<unknown>,
): { value: ShallowRef<T>; error: ShallowRef<unknown> } {
  const value = shallowRef(initial) as ShallowRef<T>
  const error = shallowRef<unknown>(null)
  let subscription: { unsubscribe(): void } | null = null
  const start = () => {
    subscription?.unsubscribe()
    subscription = liveQuery(query).subscribe({
      next: (result) => {
        value.value = result
        error.value = null
      },
      error: (e: unknown) => {
        error.value = e
      },
    })
  }
  if (deps) watch(deps, start, { immediate: true })
  else start()
  tryOnScopeDispose(() => subscription?.unsubscribe())
  return { value, error }
}
