import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import type { DOMWrapper, VueWrapper } from '@vue/test-utils'
import App from '@app/App.vue'
import { preferenceKeys } from '@app/composables/preference'
import { mountWithApp, noServer } from '../helpers/mount'
import { sessionFixture } from '../helpers/session'

let mounted: VueWrapper | undefined

async function openSettings(options: Parameters<typeof mountWithApp>[1] = {}) {
  const result = await mountWithApp(App, { route: '/settings', session: null, transport: noServer, ...options })
  mounted = result.wrapper
  await flushPromises()
  return result
}

function radio(wrapper: VueWrapper, label: string): DOMWrapper<Element> {
  const found = wrapper.findAll('[role="radio"]').find((r) => r.text() === label)
  if (!found) throw new Error(`no radio labelled ${label}`)
  return found
}

/** Emulates the system colour scheme seen by matchMedia('(prefers-color-scheme: dark)'). */
function systemScheme(scheme: 'light' | 'dark'): void {
  vi.spyOn(window, 'matchMedia').mockImplementation(
    (query: string) =>
      ({
        matches: query.includes('dark') ? scheme === 'dark' : scheme === 'light',
        media: query,
        onchange: null,
        addEventListener: () => {},
        removeEventListener: () => {},
        addListener: () => {},
        removeListener: () => {},
        dispatchEvent: () => false,
      }) satisfies MediaQueryList,
  )
}

beforeEach(() => {
  localStorage.clear()
  document.documentElement.className = ''
  systemScheme('light')
})

afterEach(() => {
  mounted?.unmount()
  mounted = undefined
  vi.restoreAllMocks()
})

describe('settings: language', () => {
  it('starts in Chinese and switches the visible text and <html lang> to English, and remembers it', async () => {
    const { wrapper } = await openSettings()
    expect(wrapper.get('h1').text()).toBe('我的')
    expect(wrapper.text()).toContain('显示模式')
    expect(document.documentElement.lang).toBe('zh-CN')

    await radio(wrapper, 'English').trigger('click')
    await vi.waitFor(() => expect(document.documentElement.lang).toBe('en'))
    await flushPromises()

    expect(wrapper.get('h1').text()).toBe('Me')
    expect(wrapper.text()).toContain('Display')
    expect(wrapper.text()).not.toContain('显示模式')
    expect(radio(wrapper, 'English').attributes('aria-checked')).toBe('true')
    expect(localStorage.getItem(preferenceKeys.locale)).toBe('en')
    expect(document.title).toBe('Me · Village Evening Talks')

    await radio(wrapper, '中文').trigger('click')
    await vi.waitFor(() => expect(document.documentElement.lang).toBe('zh-CN'))
    expect(wrapper.get('h1').text()).toBe('我的')
  })
})

describe('settings: theme', () => {
  it('follows the system by default', async () => {
    systemScheme('dark')
    const { wrapper } = await openSettings()
    expect(radio(wrapper, '跟随系统').attributes('aria-checked')).toBe('true')
    expect(document.documentElement.classList.contains('van-theme-dark')).toBe(true)
  })

  it('switches to dark and back through the ConfigProvider, and remembers the choice', async () => {
    const { wrapper } = await openSettings()
    expect(document.documentElement.classList.contains('van-theme-light')).toBe(true)

    await radio(wrapper, '深色').trigger('click')
    await flushPromises()
    expect(document.documentElement.classList.contains('van-theme-dark')).toBe(true)
    expect(document.documentElement.classList.contains('van-theme-light')).toBe(false)
    expect(document.documentElement.style.colorScheme).toBe('dark')
    expect(localStorage.getItem(preferenceKeys.theme)).toBe('dark')

    wrapper.unmount()
    mounted = undefined
    document.documentElement.className = ''
    const reopened = await openSettings()
    expect(radio(reopened.wrapper, '深色').attributes('aria-checked')).toBe('true')
    expect(document.documentElement.classList.contains('van-theme-dark')).toBe(true)

    await radio(reopened.wrapper, '浅色').trigger('click')
    await flushPromises()
    expect(document.documentElement.classList.contains('van-theme-dark')).toBe(false)
    expect(document.documentElement.classList.contains('van-theme-light')).toBe(true)
    expect(localStorage.getItem(preferenceKeys.theme)).toBe('light')
  })
})

describe('settings: this phone', () => {
  it('shows the enrolled member and village', async () => {
    const { wrapper } = await openSettings({ session: sessionFixture() })
    expect(wrapper.text()).toContain('刘建国')
    expect(wrapper.text()).toContain('刘土城村')
    expect(wrapper.text()).not.toContain('本机尚未登记')
  })

  it('shows the township for a member without a village', async () => {
    const { wrapper } = await openSettings({ session: sessionFixture({ village: null }) })
    expect(wrapper.text()).toContain('终兴镇')
  })

  it('says the phone is not enrolled when there is no session', async () => {
    const { wrapper } = await openSettings()
    expect(wrapper.text()).toContain('本机尚未登记')
  })

  it('shows the app version from package.json', async () => {
    const { wrapper } = await openSettings()
    const { version } = await import('../../../package.json')
    const row = wrapper.findAll('.van-cell').find((cell) => cell.text().startsWith('版本'))
    expect(row?.text()).toBe(`版本${version}`)
  })
})
