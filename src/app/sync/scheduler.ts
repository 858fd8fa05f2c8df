import type { SyncOutcome } from './engine'

export interface SchedulerOptions {
  /** One sync round. */
  run: () => Promise<SyncOutcome | 'skipped'>
  /** Told after every round. */
  onOutcome?: (outcome: SyncOutcome | 'skipped') => void
  /** First retry delay after a failure, doubled per failure (ms). */
  baseDelay?: number
  maxDelay?: number
  /** Foreground period between rounds when all is well (ms). */
  period?: number
  random?: () => number
}

/**
 * Decides when to sync: on request (start, online, visible, after a local write), every `period`
 * in the foreground, and after failures with exponential back-off and jitter. Rounds never overlap;
 * a request during a round runs one more round after it. Stops after `unauthorized` or
 * `update_required` until `resume()`: those need the person, not a retry.
 */
export function createSyncScheduler(options: SchedulerOptions) {
  const { run, baseDelay = 2_000, maxDelay = 5 * 60_000, period = 60_000, random = Math.random } = options
  let timer: ReturnType<typeof setTimeout> | null = null
  let dueAt = Infinity
  let running = false
  let again = false
  let failures = 0
  let halted = false

  function schedule(delay: number): void {
    if (halted) return
    const at = Date.now() + delay
    if (timer && at >= dueAt) return
    if (timer) clearTimeout(timer)
    dueAt = at
    timer = setTimeout(fire, delay)
  }

  async function fire(): Promise<void> {
    timer = null
    dueAt = Infinity
    if (running) {
      again = true
      return
    }
    running = true
    let outcome: SyncOutcome | 'skipped'
    try {
      outcome = await run()
    } catch {
      outcome = { kind: 'retry', status: 0 }
    }
    running = false
    options.onOutcome?.(outcome)
    if (outcome !== 'skipped' && (outcome.kind === 'unauthorized' || outcome.kind === 'update_required')) {
      halted = true
      return
    }
    if (outcome !== 'skipped' && outcome.kind !== 'done') {
      failures += 1
      const ceiling = Math.min(maxDelay, baseDelay * 2 ** (failures - 1))
      schedule(Math.round(ceiling * (0.5 + random() / 2)))
    } else {
      failures = 0
      schedule(again ? 0 : period)
    }
    again = false
  }

  return {
    /** Sync soon: after `delay` ms, or earlier if a round is already due earlier. */
    request(delay = 0): void {
      if (running) again = true
      else schedule(delay)
    },
    /** Start again after the person re-enrolled or updated. */
    resume(): void {
      halted = false
      failures = 0
      schedule(0)
    },
    stop(): void {
      halted = true
      if (timer) clearTimeout(timer)
      timer = null
      dueAt = Infinity
    },
    /** Failures in a row so far (0 after a good round). */
    get failures() {
      return failures
    },
  }
}

export type SyncScheduler = ReturnType<typeof createSyncScheduler>

/**
 * Run `task` only if no other tab of this app holds the sync lock (Web Locks); where the API
 * is missing (old WebViews) the task simply runs.
 */
export async function withSyncLock<T>(task: () => Promise<T>): Promise<T | 'skipped'> {
  const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined
  if (!locks) return task()
  return locks.request('yehua-sync', { ifAvailable: true }, async (lock) => (lock ? task() : 'skipped'))
}
