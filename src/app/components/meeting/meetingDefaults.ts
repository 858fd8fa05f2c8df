import type { MeetingDraft } from '@app/stores/meetings'
import { nextEvening, villageClock } from './meetingTime'
import type { Translate } from './notice'

/**
 * A new meeting as proposed: the next evening at 19:30 in the village square, titled by its date
 * (11月30日夜话). The cadre can change each.
 */
export function defaultMeetingDraft(now: Date, t: Translate): MeetingDraft {
  const startsAt = nextEvening(now)
  const { month, day } = villageClock(startsAt)
  return { title: t('meeting.defaults.title', { month, day }), startsAt, place: t('meeting.defaults.place') }
}
