import { createI18n } from 'vue-i18n'
import { defaultLocale, zhCN } from '@app/locales'
import type { Locale, MessageSchema } from '@app/locales'
import { compileMessage } from './compiler'

declare module 'vue-i18n' {
  // Typed keys for t() from the zh-CN messages; an interface is what vue-i18n merges declarations into.
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  export interface DefineLocaleMessage extends MessageSchema {}
}

export interface AppI18nOptions {
  /** The locale to start in; its messages must be in `messages` unless it is zh-CN. */
  locale?: Locale
  /** Messages of locales other than zh-CN (which is always included). */
  messages?: Partial<Record<Locale, MessageSchema>>
}

/**
 * The app's vue-i18n instance: Composition API, zh-CN default and fallback, messages merged by
 * domain (`t('app.title')`, `t('suggestion.form.content')`), compiled without eval.
 */
export function createAppI18n({ locale = defaultLocale, messages = {} }: AppI18nOptions = {}) {
  const all: Partial<Record<Locale, MessageSchema>> = { ...messages, [defaultLocale]: zhCN }
  return createI18n({
    legacy: false,
    locale,
    fallbackLocale: defaultLocale,
    messages: all,
    messageCompiler: compileMessage,
    missingWarn: import.meta.env.DEV,
    fallbackWarn: false,
  })
}

export type AppI18n = ReturnType<typeof createAppI18n>
