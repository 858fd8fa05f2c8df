import 'fake-indexeddb/auto'
import { afterAll } from 'vitest'
import { mount } from '@vue/test-utils'
import type { ComponentMountingOptions } from '@vue/test-utils'
import { createPinia } from 'pinia'
import type { Component } from 'vue'
import { createMemoryHistory } from 'vue-router'
import { createAppI18n } from '@app/i18n'
import en from '@app/locales/en'
import zhCN from '@app/locales/zh-CN'
import type { Locale } from '@app/locales'
import { createAppRouter } from '@app/router'
import { useSessionStore } from '@app/stores/session'
import type { Session } from '@app/stores/session'
import { useSyncStore } from '@app/stores/sync'
import type { SyncTransport } from '@app/sync/transport'

export interface MountWithAppOptions<C extends Component> {
  /** Props of the component under test. */
  props?: ComponentMountingOptions<C>['props']
  /** Slots of the component under test. */
  slots?: ComponentMountingOptions<C>['slots']
  /** Where the router starts, e.g. `/enrol?code=123456`. Default `/`, which redirects to /suggestions. */
  route?: string
  /** UI language; default zh-CN. */
  locale?: Locale
  /**
   * The device's session, preset in the session store (which then counts as loaded). Leave it out
   * to let the store read IndexedDB (fake-indexeddb, empty unless the test wrote to it).
   */
  session?: Session | null
  /** Run the router's enrolment guard (redirect to /enrol without a session). Default `false`. */
  guard?: boolean
  /**
   * How background sync reaches a server, for a test that mounts `App` with a session (the app
   * starts syncing): unit tests have no server, so such a test passes `noServer` rather than let
   * the engine open connections to nowhere.
   */
  transport?: SyncTransport
  /** Passed through to `mount` (stubs, attachTo, …). */
  mount?: Omit<ComponentMountingOptions<C>, 'props' | 'slots' | 'global'>
}

// Vant's fixed bars (tab bar, placeholders) measure themselves 100, 200 and 300 ms after mounting
// (vant/es/composables/use-height). If happy-dom is torn down first, those timers throw
// "window is not defined": let them run out before a file that mounted anything ends.
const VANT_MEASURE_MS = 350
let lastMountAt = 0
afterAll(async () => {
  const left = lastMountAt + VANT_MEASURE_MS - Date.now()
  if (left > 0) await new Promise((resolve) => setTimeout(resolve, left))
})

/**
 * Mounts a component the way the app runs it: a fresh Pinia, vue-i18n with every locale (zh-CN by
 * default), the app's routes on a memory history (already navigated to `route`), and Vant
 * components resolved on demand as in the build. IndexedDB is fake-indexeddb.
 * Resolves to `{ wrapper, router, pinia, i18n }`.
 *
 * @example
 * const { wrapper, router } = await mountWithApp(SuggestionForm, { props: { source: 'villager' } })
 * await wrapper.get('textarea').setValue('村东头的路灯坏了')
 * expect(wrapper.text()).toContain('提交')
 *
 * @example
 * // A page with a signed-in cadre, in English
 * const { wrapper } = await mountWithApp(App, { route: '/settings', session: cadreSession(), locale: 'en' })
 */
export async function mountWithApp<C extends Component>(
  component: C,
  options: MountWithAppOptions<C> = {},
) {
  const pinia = createPinia()
  const i18n = createAppI18n({ locale: options.locale ?? 'zh-CN', messages: { 'zh-CN': zhCN, en } })
  const router = createAppRouter(createMemoryHistory(), { guard: options.guard ?? false })

  if (options.session !== undefined) {
    const store = useSessionStore(pinia)
    store.session = options.session
    store.loaded = true
  }
  // Started before the app starts it (`start` is idempotent), so the app's sync uses this transport.
  if (options.transport) await useSyncStore(pinia).start(options.transport)

  document.documentElement.lang = options.locale ?? 'zh-CN'
  await router.push(options.route ?? '/')
  await router.isReady()

  const mountOptions: ComponentMountingOptions<C> = {
    ...options.mount,
    props: options.props,
    slots: options.slots,
    global: { plugins: [pinia, i18n, router] },
  }
  const wrapper = mount(component, mountOptions)
  lastMountAt = Date.now()
  return { wrapper, router, pinia, i18n }
}

/**
 * The transport of a phone that reaches no server (what a unit test has): every request answers
 * as a network failure would, without opening a connection.
 */
export const noServer: SyncTransport = {
  push: async () => ({ ok: false, status: 0, code: 'offline' }),
  pull: async () => ({ ok: false, status: 0, code: 'offline' }),
  putBlob: async () => ({ ok: false, status: 0, code: 'offline' }),
}
