import { afterEach, beforeEach, vi } from 'vitest'
import type { VueWrapper } from '@vue/test-utils'
import { resetDb } from '../escalation/fixtures'

export interface PageTestOptions {
  /** Set the clock (only `Date`) to this instant before each test, e.g. an evening in Shanghai. */
  now?: string
  /** Empties the device database before each test; default: the builders' village and township only. */
  reset?: () => Promise<void>
}

/**
 * The set-up of a page's tests: before each one an empty device database (`reset`) and, with
 * `now`, the clock stopped there; after it the kept page unmounted and real timers back. Call it
 * at the top of the file; pass each mounted page to `keep`.
 *
 * @example
 * const page = setUpPageTests({ now: '2026-10-13T04:00:00.000Z' })
 * const { wrapper } = await mountWithApp(LedgerPage, { route: '/ledger', session: sessionAs('cadre') })
 * page.keep(wrapper)
 */
export function setUpPageTests(options: PageTestOptions = {}) {
  let mounted: VueWrapper | undefined

  beforeEach(async () => {
    if (options.now) {
      vi.useFakeTimers({ toFake: ['Date'] })
      vi.setSystemTime(new Date(options.now))
    }
    await (options.reset ?? resetDb)()
  })

  afterEach(() => {
    mounted?.unmount()
    mounted = undefined
    vi.useRealTimers()
  })

  return {
    /** Unmount this page after the test. */
    keep<W extends VueWrapper>(wrapper: W): W {
      mounted = wrapper
      return wrapper
    },
  }
}
