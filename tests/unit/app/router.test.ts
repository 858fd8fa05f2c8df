import 'fake-indexeddb/auto'
import { beforeEach, describe, expect, it } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { createMemoryHistory } from 'vue-router'
import { createAppRouter, routes } from '@app/router'
import { useDb } from '@app/db'
import { useSessionStore } from '@app/stores/session'
import { sessionFixture } from '../helpers/session'

const testMemberId = '0192f000-0000-7000-8000-0000000000c9'
const testTownshipId = sessionFixture().township.id

function appRouter() {
  return createAppRouter(createMemoryHistory())
}

beforeEach(() => {
  setActivePinia(createPinia())
})

describe('router', () => {
  it('loads every page lazily', () => {
    const pages = routes.filter((route) => !route.redirect)
    expect(pages.map((route) => route.name)).toEqual([
      'suggestions', 'suggestion-new', 'suggestion', 'township', 'escalation', 'enrol', 'settings', 'sync', 'not-found',
    ])
    for (const route of pages) expect(typeof route.component, String(route.name)).toBe('function')
  })

  it('sends a phone that has not enrolled to /enrol, after reading its session from the database', async () => {
    const router = appRouter()
    await router.push('/suggestions/new')
    expect(useSessionStore().loaded).toBe(true)
    expect(router.currentRoute.value.fullPath).toBe('/enrol')
  })

  it('sends a phone that has not enrolled from / to /enrol', async () => {
    const router = appRouter()
    await router.push('/')
    expect(router.currentRoute.value.fullPath).toBe('/enrol')
  })

  it('lets a phone that has not enrolled open /enrol with a code', async () => {
    const router = appRouter()
    await router.push('/enrol?code=123456')
    expect(router.currentRoute.value.name).toBe('enrol')
    expect(router.currentRoute.value.query).toEqual({ code: '123456' })
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
  })
})
