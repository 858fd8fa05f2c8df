// Dates and status words of the village page: pure functions of a step or a deadline, given the
// page's `t`. Dates are Shanghai dates whatever the phone's time zone.
import type { DueStatus } from '@shared/calendar'
import type { VillagerStep } from '@shared/villager/status'

type Translate = (key: string, values?: Record<string, unknown>) => string

/**
 * China has kept UTC+8 without daylight saving since 1991: a Shanghai date is UTC shifted by eight
 * hours. Computed by hand because the first `Intl.DateTimeFormat` with a time zone loads ICU's
 * locale and zone data, 60 ms of a cheap phone's first seconds on this page.
 */
const SHANGHAI_OFFSET_MS = 8 * 3_600_000

/** An instant, or a 'YYYY-MM-DD' Shanghai date, in Shanghai's calendar and clock. */
function shanghai(value: string) {
  const at = /^\d{4}-\d{2}-\d{2}$/.test(value) ? Date.parse(`${value}T12:00:00+08:00`) : Date.parse(value)
  const d = new Date(at + SHANGHAI_OFFSET_MS)
  const pad = (n: number) => String(n).padStart(2, '0')
  return {
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    weekday: d.getUTCDay(),
    hm: `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`,
  }
}

function dateValues(value: string, t: Translate) {
  const p = shanghai(value)
  return { ...p, monthName: t(`time.month.${p.month}`), weekday: t(`time.weekday.${p.weekday}`) }
}

/** "12月5日" / "5 Dec". */
export function dayOf(value: string, t: Translate): string {
  return t('time.day', dateValues(value, t))
}

/** "12月5日 周五 19:30" / "Fri 5 Dec, 19:30": when a meeting starts. */
export function meetingTime(value: string, t: Translate): string {
  return t('time.meeting', dateValues(value, t))
}

/** "12月5日 19:30": when something was saved or updated. */
export function moment(value: string, t: Translate): string {
  return t('time.moment', dateValues(value, t))
}

/** A step of an item's path in the villager's words, e.g. "当场拍板：焊好栏杆，专人 刘主任，10月13日前办". */
export function stepWords(step: VillagerStep, t: Translate): string {
  switch (step.kind) {
    case 'on_agenda':
      return step.meeting?.startsAt ? t('step.on_agenda', { date: dayOf(step.meeting.startsAt, t) }) : t('step.on_agenda_undated')
    case 'decided':
      return step.state === 'cancelled'
        ? t('step.decided_cancelled', { text: step.text })
        : t('step.decided', { text: step.text, owner: step.owner, date: step.dueOn ? dayOf(step.dueOn, t) : '' })
    case 'escalated':
      if (step.state === 'returned') return t('step.escalated_returned')
      return step.dueOn && step.state === 'working' ? t('step.escalated_due', { date: dayOf(step.dueOn, t) }) : t('step.escalated')
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
