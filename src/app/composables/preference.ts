/** localStorage keys of the device-wide preferences (not synced: they belong to the phone, not the person). */
export const preferenceKeys = {
  locale: 'yehua.locale',
  theme: 'yehua.theme',
} as const

/**
 * Reads a stored preference, or `fallback` when there is none, it is not valid, or storage is
 * unavailable (some private modes throw on any access to localStorage).
 */
export function readPreference<T extends string>(key: string, isValid: (value: unknown) => value is T, fallback: T): T {
  try {
    const value = globalThis.localStorage?.getItem(key)
    return isValid(value) ? value : fallback
  } catch {
    return fallback
  }
}

/** Stores a preference; failure (quota, private mode) only means it is not remembered. */
export function writePreference(key: string, value: string): void {
  try {
    globalThis.localStorage?.setItem(key, value)
  } catch {
    // Not remembering a preference is harmless; the current session still uses it.
  }
}
