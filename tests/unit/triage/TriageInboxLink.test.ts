import 'fake-indexeddb/auto'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { VueWrapper } from '@vue/test-utils'
import SuggestionsPage from '@app/pages/SuggestionsPage.vue'
import { useDb } from '@app/db'
import { aSuggestion } from '../builders'
import { mountWithApp } from '../helpers/mount'
import { resetDb, seedPlan, sessionAs } from '../meeting/fixtures'

let mounted: VueWrapper | undefined

beforeEach(async () => {
  await resetDb()
  await seedPlan({ suggestions: [aSuggestion(), aSuggestion(), aSuggestion({ status: 'answered' })] })
})

afterEach(() => {
  mounted?.unmount()
  mounted = undefined
})

describe('the inbox link on the suggestions page', () => {
  it('tells a cadre how many suggestions wait, kept live, and links to the inbox', async () => {
    const { wrapper, router } = await mountWithApp(SuggestionsPage, { route: '/suggestions', session: sessionAs('cadre') })
    mounted = wrapper
    await vi.waitFor(() => expect(wrapper.get('a.triage-inbox-link').text()).toBe('待分拣 2'))
    await useDb().suggestions.put(aSuggestion())
    await vi.waitFor(() => expect(wrapper.get('a.triage-inbox-link').text()).toBe('待分拣 3'))
    expect(wrapper.get('a.triage-inbox-link').attributes('href')).toBe(router.resolve({ name: 'triage' }).href)
  })

  it('is not shown to a collector', async () => {
    const { wrapper } = await mountWithApp(SuggestionsPage, { route: '/suggestions', session: sessionAs('collector') })
    mounted = wrapper
    await vi.waitFor(() => expect(wrapper.findAll('li')).toHaveLength(3))
    expect(wrapper.find('a.triage-inbox-link').exists()).toBe(false)
  })
})
