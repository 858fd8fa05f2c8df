import { afterEach, describe, expect, it, vi } from 'vitest'

afterEach(() => {
  vi.useRealTimers()
  vi.resetModules()
})

describe('afterFirstScreen', () => {
  it('leaves the first screen its time, then waits for the browser to be idle; one promise for every caller', async () => {
    vi.useFakeTimers()
    const idle: (() => void)[] = []
    vi.stubGlobal('requestIdleCallback', (callback: () => void) => idle.push(callback))
    try {
      const { FIRST_SCREEN_MS, afterFirstScreen } = await import('@app/composables/startup')
      const done = vi.fn()
      const first = afterFirstScreen()
      expect(afterFirstScreen()).toBe(first)
      void first.then(done)
      await vi.advanceTimersByTimeAsync(FIRST_SCREEN_MS - 1)
      expect(idle).toHaveLength(0)
      await vi.advanceTimersByTimeAsync(1)
      expect(idle).toHaveLength(1)
      expect(done).not.toHaveBeenCalled()
      idle[0]!()
      await vi.advanceTimersByTimeAsync(0)
      expect(done).toHaveBeenCalledOnce()
    } finally {
      vi.unstubAllGlobals()
    }
  })
})
