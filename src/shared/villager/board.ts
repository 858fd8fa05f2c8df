// The village's public board (村务公开): what the branch has made public — the next announced
// meeting and its topics, decisions with 专人 and 时限, escalations and their results — and counts.
// Built only from what cadres wrote for the public: a submission's own words never appear, and a
// submitter's name only as one who raised a topic, if they agreed and it was not declined or merged.
import type { DueStatus, WorkCalendar } from '../calendar'
import { dueStatus, todayInShanghai } from '../calendar'
import type { LedgerIndex } from '../ledger'
import { funnel } from '../ledger'
import { workingEscalationStatuses } from '../ledger/rows'
import type { Meeting, Village } from '../records'

export interface BoardTopic {
  title: string
  /** Names of villagers who raised it and agreed to be named. */
  raisedBy: string[]
}

export interface BoardMeeting {
  title: string
  startsAt: string
  place: string
  status: 'announced' | 'in_progress'
  topics: BoardTopic[]
}

export interface BoardDecision {
  text: string
  owner: string
  dueOn: string
  /** The meeting that decided it, when known. */
  decidedAt: string
  state: 'open' | 'done'
  /** Open: how the deadline stands today in working days. */
  due: DueStatus | null
  /** Done: when, and whether that was within the deadline. */
  doneOn: string | null
  timing: 'on_time' | 'late' | null
}

export interface BoardEscalation {
  title: string
  department: string | null
  /** When the village handed it to the township. */
  escalatedAt: string
  state: 'working' | 'returned' | 'resolved' | 'closed'
  dueOn: string | null
  /** Working: how the township's deadline stands today. */
  due: DueStatus | null
  /** Resolved or closed: what the township did. */
  result: string | null
}

export interface BoardCounts {
  /** Suggestions collected, every way. */
  collected: number
  /** Resolved or crossed off. */
  resolved: number
  /** Rated by a villager or on a callback. */
  rated: number
  /** Average stars of the rated ones, one decimal; null before any rating. */
  averageStars: number | null
  /** Rated ones whose villager said it was resolved. */
  satisfied: number
}

export interface VillageBoard {
  village: { name: string }
  next: BoardMeeting | null
  decisions: BoardDecision[]
  escalations: BoardEscalation[]
  counts: BoardCounts
}

/** How far back finished decisions and escalations stay on the board; open ones stay until done. */
export const BOARD_RECENT_DAYS = 90
/** Most decisions and escalations listed. */
export const BOARD_LIST_MAX = 30
const shanghaiDate = (instant: string) => todayInShanghai(new Date(instant))

/** A meeting announced for a time already this long past is no longer "next". */
const STALE_MEETING_MS = 12 * 3600_000

function nextMeeting(index: LedgerIndex, villageId: string, now: string): Meeting | undefined {
  const upcoming = [...index.meetingsById.values()]
    .filter((m) => m.villageId === villageId && (m.status === 'in_progress' || (m.status === 'announced' && Date.parse(m.startsAt) > Date.parse(now) - STALE_MEETING_MS)))
    .sort((a, b) => (a.status === b.status ? a.startsAt.localeCompare(b.startsAt) : a.status === 'in_progress' ? -1 : 1))
  return upcoming[0]
}

function boardMeeting(index: LedgerIndex, meeting: Meeting): BoardMeeting {
  const topics = [...index.topicsById.values()]
    .filter((t) => t.meetingId === meeting.id && t.outcome !== 'deferred')
    .sort((a, b) => a.order - b.order || a.createdAt.localeCompare(b.createdAt))
  const byId = new Map(index.suggestions.map((s) => [s.id, s]))
  return {
    title: meeting.title,
    startsAt: meeting.startsAt,
    place: meeting.place,
    status: meeting.status === 'in_progress' ? 'in_progress' : 'announced',
    topics: topics.map((topic) => ({
      title: topic.title,
      raisedBy: [
        ...new Set(
          topic.suggestionIds.flatMap((id) => {
            const s = byId.get(id)
            const named = s && s.publicName && s.submitterName && s.status !== 'declined' && s.status !== 'merged'
            return named ? [s.submitterName!.trim()] : []
          }),
        ),
      ],
    })),
  }
}

/**
 * The public board of a village from its ledger rows, for `today` ('YYYY-MM-DD', Asia/Shanghai)
 * and `now` (an instant): deadlines in working days by `calendar`.
 *
 * @example
 * villageBoard(village, indexLedger(rows), defaultCalendar, new Date().toISOString())
 */
export function villageBoard(village: Pick<Village, 'id' | 'name'>, index: LedgerIndex, calendar: WorkCalendar, now: string): VillageBoard {
  const today = shanghaiDate(now)
  const since = new Date(Date.parse(now) - BOARD_RECENT_DAYS * 86_400_000).toISOString()
  const meeting = nextMeeting(index, village.id, now)

  const decisions = index.decisions
    .filter((d) => d.villageId === village.id && d.status !== 'cancelled' && (d.status === 'open' || d.updatedAt >= since))
    .map((d): BoardDecision => {
      const doneOn = d.status === 'done' ? shanghaiDate(index.lastProgressByDecision.get(d.id)?.createdAt ?? d.updatedAt) : null
      return {
        text: d.text,
        owner: d.owner,
        dueOn: d.dueOn,
        decidedAt: (d.meetingId ? index.meetingsById.get(d.meetingId)?.startsAt : undefined) ?? d.createdAt,
        state: d.status === 'done' ? 'done' : 'open',
        due: d.status === 'open' ? dueStatus(calendar, d.dueOn, today) : null,
        doneOn,
        timing: doneOn === null ? null : doneOn <= d.dueOn ? 'on_time' : 'late',
      }
    })
    // Open ones first, the nearest deadline (or the longest overdue) first; then the latest done.
    .sort((a, b) =>
      a.state !== b.state ? (a.state === 'open' ? -1 : 1)
      : a.state === 'open' ? a.dueOn.localeCompare(b.dueOn)
      : (b.doneOn ?? '').localeCompare(a.doneOn ?? ''))
    .slice(0, BOARD_LIST_MAX)

  const escalations = index.escalations
    .filter((e) => e.villageId === village.id && (e.status !== 'closed' || e.updatedAt >= since))
    // Newest first: what the village handed over last is what people ask about.
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
    .slice(0, BOARD_LIST_MAX)
    .map((e): BoardEscalation => {
      const working = workingEscalationStatuses.includes(e.status)
      const finished = e.status === 'resolved' || e.status === 'closed'
      return {
        title: e.title,
        department: e.department,
        escalatedAt: e.createdAt,
        state: working ? 'working' : e.status === 'returned' ? 'returned' : e.status === 'resolved' ? 'resolved' : 'closed',
        dueOn: e.dueOn,
        due: working && e.dueOn ? dueStatus(calendar, e.dueOn, today) : null,
        result: finished ? e.resolution : null,
      }
    })

  const own = index.suggestions.filter((s) => s.villageId === village.id)
  const counts = funnel({ suggestions: own }).total
  const ratings = own.flatMap((s) => (s.rating ? [s.rating] : []))
  const stars = ratings.reduce((sum, r) => sum + r.stars, 0)
  return {
    village: { name: village.name },
    next: meeting ? boardMeeting(index, meeting) : null,
    decisions,
    escalations,
    counts: {
      collected: counts.collected,
      resolved: counts.resolved,
      rated: ratings.length,
      averageStars: ratings.length ? Math.round((stars / ratings.length) * 10) / 10 : null,
      satisfied: ratings.filter((r) => r.outcome === 'resolved').length,
    },
  }
}
