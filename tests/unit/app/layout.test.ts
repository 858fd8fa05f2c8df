import { afterEach, describe, expect, it, vi } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import type { VueWrapper } from '@vue/test-utils'
import App from '@app/App.vue'
import { useSyncStore } from '@app/stores/sync'
import { mountWithApp, noServer } from '../helpers/mount'
import { sessionFixture } from '../helpers/session'

let mounted: VueWrapper | undefined

async function openApp(route: string) {
  const result = await mountWithApp(App, { route, session: sessionFixture(), transport: noServer })
  mounted = result.wrapper
  await flushPromises()
  return result
}

afterEach(() => {
  mounted?.unmount()
  mounted = undefined
})

describe('app layout', () => {
  it('shows the page title in the top bar and a bottom navigation of links', async () => {
    const { wrapper } = await openApp('/settings')
    expect(wrapper.get('h1').text()).toBe('我的')

    // The tab bar loads on its own (a fresh phone's enrol page has none).
    const nav = await vi.waitFor(() => wrapper.get('[role="navigation"]'))
    expect(nav.attributes('aria-label')).toBe('主导航')
    expect(wrapper.find('[role="tablist"]').exists()).toBe(false)
    const links = nav.findAll('[role="link"]')
    expect(links.map((link) => link.text())).toEqual(['意见', '夜话', '台账', '我的'])
    expect(links.map((link) => link.attributes('aria-current'))).toEqual([undefined, undefined, undefined, 'page'])
    expect(links.some((link) => link.attributes('aria-selected') !== undefined)).toBe(false)
  })

  it('moves between tabs by tap and by the Enter key', async () => {
    const { wrapper, router } = await openApp('/settings')
    // Navigation waits for the lazily imported page, hence waitFor rather than one flush.
    await wrapper.findAll('[role="link"]')[0]?.trigger('click')
    await vi.waitFor(() => expect(router.currentRoute.value.name).toBe('suggestions'))
    expect(wrapper.get('h1').text()).toBe('意见建议')

    await wrapper.findAll('[role="link"]')[3]?.trigger('keydown', { key: 'Enter' })
    await vi.waitFor(() => expect(router.currentRoute.value.name).toBe('settings'))
  })

  it('keeps the suggestion tab current on the new-suggestion page and offers a way back', async () => {
    const { wrapper, router } = await openApp('/suggestions/new')
    expect(wrapper.get('h1').text()).toBe('提意见')
    expect(wrapper.get('[role="link"][aria-current="page"]').text()).toBe('意见')

    await wrapper.get('button[aria-label="返回"]').trigger('click')
    await vi.waitFor(() => expect(router.currentRoute.value.name).toBe('suggestions'))
  })

  it('hides the tab bar on the enrol page', async () => {
    const { wrapper } = await openApp('/enrol')
    expect(wrapper.get('h1').text()).toBe('登记本机')
    expect(wrapper.find('[role="navigation"]').exists()).toBe(false)
    expect(wrapper.find('button[aria-label="返回"]').exists()).toBe(false)
  })

  it('syncs an enrolled phone in the background through the transport it is given, not the network', async () => {
    // Unit tests have no server: the app's sync must not open connections to nowhere.
    const fetchSpy = vi.spyOn(globalThis, 'fetch')
    const { pinia } = await openApp('/settings')
    await vi.waitFor(() => expect(useSyncStore(pinia).state).toBe('offline'), { timeout: 5_000 })
    expect(fetchSpy).not.toHaveBeenCalled()
    fetchSpy.mockRestore()
  })

  it('answers an unknown address with the not-found page', async () => {
    const { wrapper } = await openApp('/nowhere')
    expect(wrapper.get('h1').text()).toBe('页面不存在')
    expect(wrapper.text()).toContain('回到首页')
  })
})
