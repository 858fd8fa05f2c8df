import 'fake-indexeddb/auto'
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { createMemoryHistory } from 'vue-router'
import type { Actor } from '@shared/actor'
import { createAppRouter, routes } from '@app/router'
import { useDb } from '@app/db'
import { useSessionStore } from '@app/stores/session'
import { sessionFixture } from '../helpers/session'

const testMemberId = '0192f000-0000-7000-8000-0000000000c9'
const testTownshipId = sessionFixture().township.id

function appRouter() {
  return createAppRouter(createMemoryHistory())
}

// Vite compiles a lazy page (and the Vant parts it uses) on its first import, which can take
// seconds on a busy machine: do it once up front, not inside the first test's time limit.
beforeAll(async () => {
  await Promise.all([import('@app/pages/EnrolPage.vue'), import('@app/pages/SettingsPage.vue')])
}, 60_000)

beforeEach(() => {
  setActivePinia(createPinia())
})

describe('router', () => {
  it('loads every page lazily', () => {
    const pages = routes.filter((route) => !route.redirect)
    expect(pages.map((route) => route.name)).toEqual([
      'suggestions', 'suggestion-new', 'suggestion', 'township', 'escalation', 'stats', 'ledger-stats', 'desk-weekly', 'enrol', 'settings', 'sync', 'ledger',
      'follow-up', 'triage', 'meetings', 'meeting-new', 'meeting', 'meeting-notice', 'meeting-run', 'meeting-minutes',
      'admin', 'not-found', 'not-for-role',
    ])
    for (const route of pages) expect(typeof route.component, String(route.name)).toBe('function')
  })

  it('sends a phone that never enrolled to /enrol at once, then reads its session from the database', async () => {
    const router = appRouter()
    await router.push('/suggestions/new')
    expect(router.currentRoute.value.fullPath).toBe('/enrol')
    await vi.waitFor(() => expect(useSessionStore().loaded).toBe(true))
    expect(router.currentRoute.value.fullPath).toBe('/enrol')
  })

  it('goes on to the asked-for page when a phone without the enrolled hint turns out to hold a session', async () => {
    await useDb().meta.put({ key: 'session', value: sessionFixture() })
    const router = appRouter()
    await router.push('/settings')
    await vi.waitFor(() => expect(router.currentRoute.value.fullPath).toBe('/settings'))
    await useDb().meta.delete('session')
  })

  it('sends a phone that has not enrolled from / to /enrol', async () => {
    const router = appRouter()
    await router.push('/')
    expect(router.currentRoute.value.fullPath).toBe('/enrol')
    await vi.waitFor(() => expect(useSessionStore().loaded).toBe(true))
  })

  it('lets a phone that has not enrolled open /enrol with a code', async () => {
    const router = appRouter()
    await router.push('/enrol?code=123456')
    expect(router.currentRoute.value.name).toBe('enrol')
    expect(router.currentRoute.value.query).toEqual({ code: '123456' })
    await vi.waitFor(() => expect(useSessionStore().loaded).toBe(true))
  })

  it('opens the page an enrolled phone asked for, and / as the suggestion list', async () => {
    const session = useSessionStore()
    session.session = sessionFixture()
    session.loaded = true
    const router = appRouter()

    await router.push('/settings')
    expect(router.currentRoute.value.name).toBe('settings')
    await router.push('/')
    expect(router.currentRoute.value.fullPath).toBe('/suggestions')
    await router.push('/no/such/page')
    expect(router.currentRoute.value.name).toBe('not-found')
  })

  it("opens / as the township's queue for township staff, also on the first load", async () => {
    localStorage.setItem('yehua.enrolled', '1')
    await useDb().meta.put({ key: 'session', value: sessionFixture({
      actor: { role: 'township', memberId: testMemberId, villageId: null, townshipId: testTownshipId },
      village: null,
    }) })
    const router = appRouter()
    await router.push('/')
    expect(router.currentRoute.value.fullPath).toBe('/township')
    await router.push('/settings')
    await router.push('/')
    expect(router.currentRoute.value.fullPath).toBe('/township')
    await useDb().meta.delete('session')
    localStorage.removeItem('yehua.enrolled')
  })

  it("loads the page's chunks while it reads the session of an enrolled phone, not after", async () => {
    localStorage.setItem('yehua.enrolled', '1')
    const record = routes.find((route) => route.name === 'settings')!
    const loadPage = record.component as () => Promise<unknown>
    const loaded = vi.fn(loadPage)
    record.component = loaded
    try {
      const session = useSessionStore()
      let finishRead = () => {}
      vi.spyOn(session, 'load').mockImplementation(
        () => new Promise<void>((resolve) => (finishRead = () => {
          session.session = sessionFixture()
          session.loaded = true
          resolve()
        })),
      )
      const router = appRouter()
      const pushed = router.push('/settings')
      // The session is still being read, and the page is already loading.
      await vi.waitFor(() => expect(loaded).toHaveBeenCalled())
      expect(session.loaded).toBe(false)
      finishRead()
      await pushed
      expect(router.currentRoute.value.name).toBe('settings')
    } finally {
      record.component = loadPage
      localStorage.removeItem('yehua.enrolled')
    }
  })

  it.each([
    ['township', '/ledger'],
    ['township', '/meetings'],
    ['township', '/suggestions/new'],
    ['collector', '/triage'],
    ['cadre', '/township'],
  ] as const)('shows a %s who opens %s that the page is not for them, at the same address', async (role, path) => {
    const session = useSessionStore()
    const { village } = sessionFixture()
    const actor: Actor = role === 'township'
      ? { role, memberId: testMemberId, villageId: null, townshipId: testTownshipId }
      : { role, memberId: testMemberId, villageId: village!.id, townshipId: testTownshipId }
    session.session = sessionFixture({ actor, village: role === 'township' ? null : village })
    session.loaded = true
    const router = appRouter()
    await router.push(`${path}?from=typed`)
    expect(router.currentRoute.value.name).toBe('not-for-role')
    expect(router.currentRoute.value.fullPath).toBe(`${path}?from=typed`)
  })
})
