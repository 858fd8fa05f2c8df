import type { AppContext } from '../context'
import { createEnrolFailureRepository } from '../db/enrol-failures-repository'

/**
 * Wrong codes per hour over all clients, by default. Codes are 8 digits: at 100 a day-and-night
 * of guessing tries 2,400 of 10^8, and with 100 live codes the chance to hit one in a code's
 * 7 days is under 2 %. A person mistyping, even on a busy enrolment day, stays well below it.
 */
export const DEFAULT_ENROL_FAILURES_PER_HOUR = 100
/** Wrong tries of one code (used, lapsed or unknown) before that code waits out the hour. */
export const FAILURES_PER_CODE = 5
export const GUARD_WINDOW_MS = 60 * 60 * 1000

const ALL = 'all'
const keyOf = (codeHash: string) => `code:${codeHash}`

/** Why an enrolment attempt is not even tried, and for how many seconds. */
export interface EnrolPause {
  code: 'enrol_paused' | 'code_locked'
  retryAfterSeconds: number
}

/**
 * The limits on guessing enrolment codes besides the per-address rate limit (which a client
 * behind many addresses escapes): a global count of wrong codes per hour, and a lockout of a
 * code tried wrongly too often. Both are counted in the database, so every process and every
 * server on one PostgreSQL shares them. While the global limit is reached every attempt waits,
 * a right code too: otherwise guessing would simply go on.
 */
export function createEnrolGuard(ctx: AppContext, failuresPerHour = DEFAULT_ENROL_FAILURES_PER_HOUR) {
  const failures = createEnrolFailureRepository(ctx.database.db)
  const window = () => {
    const now = ctx.clock()
    return { now, start: new Date(now.getTime() - GUARD_WINDOW_MS).toISOString() }
  }
  const waitOf = (since: string, now: Date) => Math.max(1, Math.ceil((Date.parse(since) + GUARD_WINDOW_MS - now.getTime()) / 1000))

  return {
    /** Null when the attempt may go on. */
    async check(codeHash: string): Promise<EnrolPause | null> {
      const { now, start } = window()
      const counts = await failures.current([ALL, keyOf(codeHash)], start)
      const all = counts.get(ALL)
      if (all && all.count >= failuresPerHour) return { code: 'enrol_paused', retryAfterSeconds: waitOf(all.since, now) }
      const code = counts.get(keyOf(codeHash))
      if (code && code.count >= FAILURES_PER_CODE) return { code: 'code_locked', retryAfterSeconds: waitOf(code.since, now) }
      return null
    },

    /** Count a wrong code. */
    async fail(codeHash: string): Promise<void> {
      const { now, start } = window()
      await failures.add([ALL, keyOf(codeHash)], now.toISOString(), start)
    },
  }
}
