import type { Router } from 'vue-router'
import { isLocale, loadLocaleMessages } from '@app/locales'
import type { Locale, MessageSchema } from '@app/locales'

/** What loading needs of a vue-i18n composer (`i18n.global`, or `useI18n({ useScope: 'global' })`). */
export interface MessageTarget {
  locale: { value: string }
  mergeLocaleMessage(locale: Locale, messages: MessageSchema): void
}

/** Pages whose texts are all in the shell domains (`locales/zh-CN/shell.ts`). */
const shellRoutes = new Set(['enrol', 'not-found'])

const complete = new WeakMap<MessageTarget, Map<Locale, Promise<void>>>()

/**
 * Make sure every message of `locale` is loaded into `i18n` (not only the shell domains the first
 * screen came with); resolves once merged. Loads each locale once.
 *
 * @example
 * await ensureAllMessages(i18n.global, 'en')
 * i18n.global.locale.value = 'en'
 */
export function ensureAllMessages(i18n: MessageTarget, locale: Locale): Promise<void> {
  let loaded = complete.get(i18n)
  if (!loaded) complete.set(i18n, (loaded = new Map()))
  let pending = loaded.get(locale)
  if (!pending) {
    pending = loadLocaleMessages(locale).then((messages) => i18n.mergeLocaleMessage(locale, messages))
    // A failed load (offline before the chunk was cached) may be tried again on the next navigation.
    pending.catch(() => loaded.delete(locale))
    loaded.set(locale, pending)
  }
  return pending
}

/**
 * Load the rest of the messages for any page beyond the shell: fetched as navigation starts, in
 * parallel with the page's own chunk, and waited for before the page renders.
 */
export function installMessageLoading(router: Router, i18n: MessageTarget): void {
  let pending: Promise<void> | null = null
  router.beforeEach((to) => {
    const locale = i18n.locale.value
    pending = shellRoutes.has(String(to.name)) || !isLocale(locale) ? null : ensureAllMessages(i18n, locale)
  })
  router.beforeResolve(async () => {
    await pending
  })
}
