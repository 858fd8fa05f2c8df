import { computed } from 'vue'
import type { ComputedRef } from 'vue'
import { useI18n } from 'vue-i18n'
import { defaultLocale, isLocale, locales } from '@app/locales'
import { ensureAllMessages } from '@app/i18n/messages'
import type { Locale } from '@app/locales'
import { preferenceKeys, readPreference, writePreference } from './preference'

/** The locale remembered on this device, zh-CN when none was chosen. */
export function storedLocale(): Locale {
  return readPreference(preferenceKeys.locale, isLocale, defaultLocale)
}

/** Sets `<html lang>` so screen readers and fonts use the right language. */
export function applyDocumentLocale(locale: Locale): void {
  document.documentElement.lang = locale
}

export interface LocaleState {
  /** The locale in force. */
  locale: ComputedRef<Locale>
  /** Every locale the app ships, the default first. */
  locales: readonly Locale[]
  /** Loads the locale's messages if needed, switches to it, remembers it and updates `<html lang>`. */
  setLocale(locale: Locale): Promise<void>
}

/**
 * The app's language, switchable at run time.
 *
 * @example
 * const { locale, setLocale } = useLocale()
 * await setLocale('en')
 */
export function useLocale(): LocaleState {
  const i18n = useI18n({ useScope: 'global' })
  const locale = computed<Locale>(() => (isLocale(i18n.locale.value) ? i18n.locale.value : defaultLocale))

  async function setLocale(next: Locale): Promise<void> {
    await ensureAllMessages(i18n, next)
    i18n.locale.value = next
    writePreference(preferenceKeys.locale, next)
    applyDocumentLocale(next)
  }

  return { locale, locales, setLocale }
}
