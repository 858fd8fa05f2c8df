import { computed, shallowReactive, type ComputedRef } from 'vue'

// Apart from liveQuery.ts (and Dexie): the shell's notice reads it on a fresh phone's first screen.

/** A read that threw and has not answered since, with the way to run it again. */
interface FailedRead {
  error: unknown
  retry: () => void
}

/** Every live query whose last run threw, until it answers again or its page goes away. */
export const failedReads = shallowReactive(new Map<symbol, FailedRead>())

export interface ReadFailures {
  /** Some read of the device database threw and has not answered since. */
  failed: ComputedRef<boolean>
  /** What the first failed read threw, or null while every read answers. */
  error: ComputedRef<unknown>
  /** Run every failed read again. */
  retry: () => void
}

/** The reads of the device database that failed, for the place that would otherwise say "loading…". */
export function useReadFailures(): ReadFailures {
  return {
    failed: computed(() => failedReads.size > 0),
    error: computed(() => (failedReads.size > 0 ? [...failedReads.values()][0]!.error : null)),
    retry: () => {
      for (const read of [...failedReads.values()]) read.retry()
    },
  }
}
