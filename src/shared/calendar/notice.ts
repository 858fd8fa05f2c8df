/**
 * Reading the State Council's holiday notice (国务院办公厅关于 YYYY 年部分节假日安排的通知) into
 * dates for a person to check before saving. Each numbered part ("一、元旦：…") names a holiday;
 * a sentence with 放假 gives its days off (one date, or a range "1月1日（周四）至3日（周六）"), a
 * sentence with 上班 lists the adjusted working days (调休). Whatever it cannot read is returned
 * in `unread`, never guessed.
 */

export interface ParsedNotice {
  year: number
  /** Days off, 'YYYY-MM-DD' → the holiday's name. */
  holidays: Record<string, string>
  /** Adjusted working days (调休), 'YYYY-MM-DD' → the holiday's name. */
  workdays: Record<string, string>
  /** Parts of the text that name no date the parser could read (for the person to enter by hand). */
  unread: string[]
}

const PART = /(?:^|\n|\s|。)\s*[一二三四五六七八九十]+[、.．]\s*([^：:\n]{1,12})[：:]/g
// 2026年1月1日（周四）, 1月1日(周四), 3日（周六） — a year and a month only where written.
const DATE = /(?:(\d{4})\s*年\s*)?(?:(\d{1,2})\s*月\s*)?(\d{1,2})\s*日(?:\s*[（(][^）)]*[）)])?/g

function iso(year: number, month: number, day: number): string | null {
  const ms = Date.UTC(year, month - 1, day)
  const date = new Date(ms).toISOString().slice(0, 10)
  const wanted = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`
  return date === wanted ? date : null
}

interface DateHit {
  year: number | null
  month: number | null
  day: number
  start: number
  end: number
}

function datesIn(sentence: string): DateHit[] {
  const hits: DateHit[] = []
  for (const m of sentence.matchAll(DATE)) {
    hits.push({
      year: m[1] ? Number(m[1]) : null,
      month: m[2] ? Number(m[2]) : null,
      day: Number(m[3]),
      start: m.index,
      end: m.index + m[0].length,
    })
  }
  return hits
}

/**
 * The dates of a notice's text for `year` (the year the notice is for; a date written with
 * another year, such as the last days of December before 元旦, keeps it and is then flagged by
 * the year's validation).
 *
 * @example
 * parseHolidayNotice('一、元旦：1月1日（周四）至3日（周六）放假调休，共3天。1月4日（周日）上班。', 2026)
 * // { year: 2026, holidays: { '2026-01-01': '元旦', '2026-01-02': '元旦', '2026-01-03': '元旦' },
 * //   workdays: { '2026-01-04': '元旦' }, unread: [] }
 */
export function parseHolidayNotice(text: string, year: number): ParsedNotice {
  const result: ParsedNotice = { year, holidays: {}, workdays: {}, unread: [] }
  const normalized = text.replace(/\r\n?/g, '\n').replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
  const parts = [...normalized.matchAll(PART)]
  for (const [i, part] of parts.entries()) {
    const name = (part[1] ?? '').trim()
    const body = normalized.slice(part.index + part[0].length, parts[i + 1]?.index ?? normalized.length)
    for (const raw of body.split(/[。；;\n]/)) {
      const sentence = raw.trim()
      if (!sentence) continue
      const off = sentence.includes('放假')
      const work = sentence.includes('上班')
      const hits = datesIn(sentence)
      if ((!off && !work) || hits.length === 0) {
        if (hits.length > 0) result.unread.push(`${name}：${sentence}`)
        continue
      }
      // Carry the year and month forward: "2月15日至23日" has its month once.
      let month: number | null = null
      let y = year
      const resolved: (string | null)[] = hits.map((hit) => {
        if (hit.year !== null) y = hit.year
        if (hit.month !== null) month = hit.month
        return month === null ? null : iso(y, month, hit.day)
      })
      if (resolved.some((d) => d === null)) {
        result.unread.push(`${name}：${sentence}`)
        continue
      }
      const dates = resolved as string[]
      if (off && !work) {
        const [head, next] = hits
        const between = head && next ? sentence.slice(head.end, next.start) : ''
        if (hits.length === 2 && /至|到|—|-|~|～/.test(between)) {
          const from = Date.parse(dates[0] ?? '')
          const to = Date.parse(dates[1] ?? '')
          if (to < from || to - from > 40 * 86_400_000) {
            result.unread.push(`${name}：${sentence}`)
            continue
          }
          for (let ms = from; ms <= to; ms += 86_400_000) result.holidays[new Date(ms).toISOString().slice(0, 10)] = name
        } else {
          for (const date of dates) result.holidays[date] = name
        }
      } else if (work && !off) {
        for (const date of dates) result.workdays[date] = name
      } else {
        result.unread.push(`${name}：${sentence}`)
      }
    }
  }
  if (parts.length === 0 && normalized.trim()) result.unread.push(normalized.trim().slice(0, 200))
  return result
}
