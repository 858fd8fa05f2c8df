/** A clock tests move by hand instead of sleeping. */
export interface TestClock {
  (): Date
  set(iso: string): void
  advance(ms: number): void
}

export function testClock(start = '2026-11-20T04:00:00.000Z'): TestClock {
  let now = new Date(start)
  const clock = (() => new Date(now)) as TestClock
  clock.set = (iso) => {
    now = new Date(iso)
  }
  clock.advance = (ms) => {
    now = new Date(now.getTime() + ms)
  }
  return clock
}

export const DAY = 24 * 60 * 60 * 1000
