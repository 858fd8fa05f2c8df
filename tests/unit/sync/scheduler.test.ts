import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createSyncScheduler } from '@app/sync/scheduler'
import type { SyncOutcome } from '@app/sync/engine'

const done: SyncOutcome = { kind: 'done', pushed: 0, pulled: 0 }
const offline: SyncOutcome = { kind: 'offline', status: 0 }

function scriptedRun(outcomes: SyncOutcome[]) {
  const calls: number[] = []
  const run = vi.fn(async () => {
    calls.push(Date.now())
    return outcomes.shift() ?? done
  })
  return { run, calls }
}

describe('createSyncScheduler', () => {
  beforeEach(() => {
    vi.useFakeTimers()
    vi.setSystemTime(0)
  })
  afterEach(() => {
    vi.useRealTimers()
  })

  it('runs on request and then every period in the foreground', async () => {
    const { run, calls } = scriptedRun([])
    const scheduler = createSyncScheduler({ run, period: 60_000 })
    scheduler.request()
    await vi.advanceTimersByTimeAsync(0)
    await vi.advanceTimersByTimeAsync(120_000)
    expect(calls).toEqual([0, 60_000, 120_000])
    scheduler.stop()
  })

  it('backs off exponentially with jitter after failures and resets after success', async () => {
    const { run, calls } = scriptedRun([offline, offline, offline, done])
    const scheduler = createSyncScheduler({ run, baseDelay: 1_000, period: 60_000, random: () => 1 })
    scheduler.request()
    await vi.advanceTimersByTimeAsync(0)
    await vi.advanceTimersByTimeAsync(1_000 + 2_000 + 4_000)
    expect(calls).toEqual([0, 1_000, 3_000, 7_000])
    expect(scheduler.failures).toBe(0)
    scheduler.stop()
  })

  it('spreads retries with jitter between half and all of the delay', async () => {
    const { run, calls } = scriptedRun([offline, done])
    const scheduler = createSyncScheduler({ run, baseDelay: 1_000, random: () => 0 })
    scheduler.request()
    await vi.advanceTimersByTimeAsync(500)
    expect(calls).toEqual([0, 500])
    scheduler.stop()
  })

  it('caps the back-off at maxDelay', async () => {
    const { run, calls } = scriptedRun(Array.from({ length: 10 }, () => offline))
    const scheduler = createSyncScheduler({ run, baseDelay: 1_000, maxDelay: 5_000, random: () => 1 })
    scheduler.request()
    await vi.advanceTimersByTimeAsync(1_000 + 2_000 + 4_000 + 5_000 + 5_000)
    expect(calls.slice(-3)).toEqual([7_000, 12_000, 17_000])
    scheduler.stop()
  })

  it('brings an earlier request forward but never runs two rounds at once', async () => {
    let release: (() => void) | null = null
    let concurrent = 0
    let maxConcurrent = 0
    const run = vi.fn(async () => {
      concurrent += 1
      maxConcurrent = Math.max(maxConcurrent, concurrent)
      await new Promise<void>((resolve) => (release = resolve))
      concurrent -= 1
      return done
    })
    const scheduler = createSyncScheduler({ run, period: 60_000 })
    scheduler.request(10_000)
    scheduler.request(100)
    await vi.advanceTimersByTimeAsync(100)
    expect(run).toHaveBeenCalledTimes(1)
    scheduler.request()
    scheduler.request()
    release!()
    await vi.advanceTimersByTimeAsync(0)
    expect(run).toHaveBeenCalledTimes(2)
    expect(maxConcurrent).toBe(1)
    release!()
    scheduler.stop()
  })

  it.each([
    [{ kind: 'unauthorized', status: 401 } as const],
    [{ kind: 'update_required', status: 426 } as const],
  ])('stops after %o until resumed', async (outcome) => {
    const { run, calls } = scriptedRun([outcome])
    const scheduler = createSyncScheduler({ run, period: 1_000 })
    scheduler.request()
    await vi.advanceTimersByTimeAsync(10_000)
    expect(calls).toEqual([0])
    scheduler.resume()
    await vi.advanceTimersByTimeAsync(0)
    expect(calls).toEqual([0, 10_000])
    scheduler.stop()
  })
})
