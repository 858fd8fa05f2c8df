import type { QueueRow } from './queueRows'

/** The i18n key and count of a row's 剩余或超期 cell. */
export function leftWords(row: Pick<QueueRow, 'state' | 'workingDaysLeft'>): { key: string; n: number } {
  if (row.state === null) return { key: 'desk.left.none', n: 0 }
  if (row.state === 'due_today') return { key: 'desk.left.today', n: 0 }
  if (row.state === 'overdue') {
    const n = -row.workingDaysLeft
    return n > 0 ? { key: 'desk.left.overdue', n } : { key: 'desk.left.overdueToday', n: 0 }
  }
  return { key: 'desk.left.left', n: row.workingDaysLeft }
}
