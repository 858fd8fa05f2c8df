import { createI18n } from 'vue-i18n'
import { defaultLocale, shellMessages } from '@app/locales'
import type { Locale, MessageSchema, ShellMessages } from '@app/locales'
import { compileMessage } from './compiler'

declare module 'vue-i18n' {
  // Typed keys for t() from the zh-CN messages; an interface is what vue-i18n merges declarations into.
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  export interface DefineLocaleMessage extends MessageSchema {}
}

export interface AppI18nOptions {
  /** The locale to start in; its messages must be in `messages`, except zh-CN's shell. */
  locale?: Locale
  /**
   * Messages by locale. zh-CN defaults to its shell domains only (what the first screen needs);
   * the app merges the rest in as pages need them (`installMessageLoading`), tests pass all.
   */
  messages?: Partial<Record<Locale, MessageSchema | ShellMessages>>
}

/**
 * The app's vue-i18n instance: Composition API, zh-CN default and fallback, messages merged by
 * domain (`t('app.title')`, `t('suggestion.form.content')`), compiled without eval.
 */
export function createAppI18n({ locale = defaultLocale, messages = {} }: AppI18nOptions = {}) {
  // Typed as complete: vue-i18n types its messages from one schema, and a key whose domain has not
  // loaded yet is never asked for (routes wait for their messages before they render).
  const all = { [defaultLocale]: shellMessages, ...messages } as Partial<Record<Locale, MessageSchema>>
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
