import { createI18n } from 'vue-i18n'
import { compileMessage } from '../app/i18n/compiler'
import zhCN from './locales/zh-CN'

/** The page's languages, Chinese first. */
export const villagerLocales = ['zh-CN', 'en'] as const
export type VillagerLocale = (typeof villagerLocales)[number]

/**
 * The cadres' app declares vue-i18n's message schema for the whole project (src/app/i18n); this
 * page's messages have their own shape, so vue-i18n's typing of them is set aside here. Their keys
 * are still checked: en.ts must satisfy zh-CN's type.
 */
const untyped = <T>(messages: T) => messages as never

/**
 * The page's vue-i18n, compiled without eval by the app's message compiler (the same CSP as the
 * cadres' app). Chinese is in the bundle; English loads when chosen (`loadEnglish`).
 */
export function createVillagerI18n() {
  return createI18n({
    legacy: false,
    locale: 'zh-CN',
    fallbackLocale: 'zh-CN',
    messages: { 'zh-CN': untyped(zhCN) },
    messageCompiler: compileMessage,
    missingWarn: import.meta.env.DEV,
    fallbackWarn: false,
  })
}

/** What switching needs of vue-i18n (`i18n.global`, or `useI18n()` in a component). */
export interface LocaleTarget {
  locale: { value: string }
  availableLocales: readonly string[]
  mergeLocaleMessage(locale: string, messages: never): void
}

/** Switch the page to a language, loading English first when needed (rejects without signal). */
export async function switchLocale(i18n: LocaleTarget, locale: VillagerLocale): Promise<void> {
  if (locale === 'en' && !i18n.availableLocales.includes('en')) {
    const english = (await import('./locales/en')).default
    i18n.mergeLocaleMessage('en', untyped(english))
  }
  i18n.locale.value = locale
  document.documentElement.lang = locale
}
