import { liveQuery } from 'dexie'
import { shallowRef, watch, type ShallowRef, type WatchSource } from 'vue'
import { failedReads } from './readFailures'
import { tryOnScopeDispose } from './scope'

export interface LiveQuery<T> {
  /** The last answer; `initial` until the first one. */
  value: ShallowRef<T>
  /** What the last run threw, or null. */
  error: ShallowRef<unknown>
  /** Subscribe again (a failed live query stays ended until then). */
  retry: () => void
}

/**
 * Keep a ref in step with a Dexie query: re-runs when the tables it read change (also from other
 * tabs). The query re-subscribes when `deps` change. A query that throws is listed for
 * `useReadFailures`, so the page shows the failure with a retry instead of "loading…".
 *
 * @example
 * const count = useLiveQuery(() => db.outbox.count(), 0)
 */
export function useLiveQuery<T>(query: () => Promise<T>, initial: T, deps?: WatchSource<unknown>): LiveQuery<T> {
  const value = shallowRef(initial) as ShallowRef<T>
  const error = shallowRef<unknown>(null)
  const key = Symbol('live query')
  let subscription: { unsubscribe(): void } | null = null
  const start = () => {
    subscription?.unsubscribe()
    subscription = liveQuery(query).subscribe({
      next: (result) => {
        value.value = result
        error.value = null
        failedReads.delete(key)
      },
      error: (e: unknown) => {
        error.value = e
        failedReads.set(key, { error: e, retry: start })
      },
    })
  }
  if (deps) watch(deps, start, { immediate: true })
  else start()
  tryOnScopeDispose(() => {
    subscription?.unsubscribe()
    failedReads.delete(key)
  })
  return { value, error, retry: start }
}
