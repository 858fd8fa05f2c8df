import { addWorkingDays, calendarOf } from './calendar'
import type { CalendarSource } from './calendar'
import { policyOf } from './records'
import type { DeadlinePolicy } from './records'

/**
 * The due date a new deadline of the township's policy gets when set on `from` ('YYYY-MM-DD'):
 * the policy's working days in the township's calendar. A deadline is stored as this date, so a
 * later change of the policy or the calendar applies to new deadlines only.
 *
 * @example
 * policyDeadline(township, 'townshipDays', todayInShanghai(new Date()))
 */
export function policyDeadline(
  township: (CalendarSource & { policy: Partial<DeadlinePolicy> }) | null | undefined,
  limit: keyof DeadlinePolicy,
  from: string,
): string {
  return addWorkingDays(calendarOf(township), from, policyOf(township)[limit])
}
