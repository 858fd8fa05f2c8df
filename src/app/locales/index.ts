import type zhCN from './zh-CN'
import zhCNShell from './zh-CN/shell'

/** Locales the app ships, the first one being the default and the reference for all others. */
export const locales = ['zh-CN', 'en'] as const
export type Locale = (typeof locales)[number]
export const defaultLocale: Locale = 'zh-CN'

/**
 * The shape of every locale's messages, taken from zh-CN: `messages.<domain>.<key>`.
 * Each domain file of another locale ends with `satisfies MessageSchema['<domain>']`.
 */
export type MessageSchema = typeof zhCN

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (locales as readonly string[]).includes(value)
}

/** The domains the shell and the enrol page need, in the default locale: part of the first screen. */
export type ShellMessages = typeof zhCNShell
export const shellMessages: ShellMessages = zhCNShell

/** All messages of a locale, loaded on demand (one chunk per locale). */
export async function loadLocaleMessages(locale: Locale): Promise<MessageSchema> {
  if (locale === 'en') return (await import('./en')).default
  return (await import('./zh-CN')).default
}
