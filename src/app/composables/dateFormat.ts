import { computed } from 'vue'
import { useI18n } from 'vue-i18n'

// Building an Intl formatter is slow; a list of cards must share one per locale.
const formatters = new Map<string, Intl.DateTimeFormat>()

function formatterFor(locale: string): Intl.DateTimeFormat {
  let format = formatters.get(locale)
  if (!format) {
    format = new Intl.DateTimeFormat(locale, {
      timeZone: 'Asia/Shanghai',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hour12: false,
    })
    formatters.set(locale, format)
  }
  return format
}

/**
 * Format instants for display in the village's time zone (Asia/Shanghai), whatever the phone says.
 *
 * @example
 * const { dateTime } = useDateFormat()
 * dateTime('2026-10-01T12:00:00Z') // '2026/10/1 20:00'
 */
export function useDateFormat() {
  const { locale } = useI18n()
  const dateTimeFormat = computed(() => formatterFor(locale.value))
  return {
    /** Date and time of an ISO instant. */
    dateTime: (iso: string) => dateTimeFormat.value.format(new Date(iso)),
  }
}
