// Dates and status words of the village page: pure functions of a step or a deadline, given the
// page's `t` and language. Dates are Shanghai dates whatever the phone's time zone.
import type { DueStatus } from '@shared/calendar'
import type { VillagerStep } from '@shared/villager/status'

type Translate = (key: string, values?: Record<string, unknown>) => string

const zone = 'Asia/Shanghai'
const formats = new Map<string, Intl.DateTimeFormat>()

function format(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}:${JSON.stringify(options)}`
  let found = formats.get(key)
  if (!found) formats.set(key, (found = new Intl.DateTimeFormat(locale, { timeZone: zone, ...options })))
  return found
}

/** An instant, or a 'YYYY-MM-DD' Shanghai date, as a Date. */
function toDate(value: string): Date {
  return new Date(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T12:00:00+08:00` : value)
}

/** "12月5日" / "5 Dec". */
export function dayOf(value: string, locale: string): string {
  return format(locale, { month: 'long', day: 'numeric' }).format(toDate(value))
}

/** "12月5日周五 19:30" / "Fri 5 Dec, 19:30": when a meeting starts. */
export function meetingTime(value: string, locale: string): string {
  return format(locale, { month: 'long', day: 'numeric', weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(toDate(value))
}

/** "12月5日 19:30": when something was saved or updated. */
export function moment(value: string, locale: string): string {
  return format(locale, { month: 'long', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(toDate(value))
}

/** A step of an item's path in the villager's words, e.g. "当场拍板：焊好栏杆，专人 刘主任，10月13日前办". */
export function stepWords(step: VillagerStep, t: Translate, locale: string): string {
  switch (step.kind) {
    case 'on_agenda':
      return step.meeting?.startsAt ? t('step.on_agenda', { date: dayOf(step.meeting.startsAt, locale) }) : t('step.on_agenda_undated')
    case 'decided':
      return step.state === 'cancelled'
        ? t('step.decided_cancelled', { text: step.text })
        : t('step.decided', { text: step.text, owner: step.owner, date: step.dueOn ? dayOf(step.dueOn, locale) : '' })
    case 'escalated':
      if (step.state === 'returned') return t('step.escalated_returned')
      return step.dueOn && step.state === 'working' ? t('step.escalated_due', { date: dayOf(step.dueOn, locale) }) : t('step.escalated')
    case 'resolved':
    case 'answered':
    case 'declined':
      return t(`step.${step.kind}`, { text: step.text })
    case 'rated':
      return step.rating
        ? t(`step.rated_${step.rating.by}`, { stars: step.rating.stars, outcome: t(`outcome.${step.rating.outcome}`) })
        : t('step.received')
    default:
      return t(`step.${step.kind}`)
  }
}

/** Which words a running deadline reads in, counted in working days. */
export function dueKey(due: DueStatus): { key: string; n: number; tone: 'normal' | 'today' | 'overdue' } {
  if (due.status === 'due_today') return { key: 'due.today', n: 0, tone: 'today' }
  if (due.status === 'overdue') {
    // On a day off right after the deadline no working day has passed yet: overdue all the same.
    return due.workingDaysLeft < 0
      ? { key: 'due.overdue', n: -due.workingDaysLeft, tone: 'overdue' }
      : { key: 'due.overdueToday', n: 0, tone: 'overdue' }
  }
  return due.workingDaysLeft > 0 ? { key: 'due.left', n: due.workingDaysLeft, tone: 'normal' } : { key: 'due.beforeNextWorkday', n: 0, tone: 'normal' }
}
