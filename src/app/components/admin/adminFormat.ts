const formatters = new Map<string, Intl.DateTimeFormat>()

/** An instant in Beijing time, e.g. "2026/12/04 19:30", in the app's locale. */
export function formatInstant(at: string, locale: string): string {
  let format = formatters.get(locale)
  if (!format) {
    format = new Intl.DateTimeFormat(locale, {
      timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false,
    })
    formatters.set(locale, format)
  }
  return format.format(new Date(at))
}
