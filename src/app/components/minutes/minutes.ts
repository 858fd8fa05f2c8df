// The minutes (会议纪要) of a meeting, built from what was recorded at it — never typed twice.
import type { Decision, Escalation, Meeting, MeetingStatus, Remark, Suggestion, Topic } from '@shared/records'
import type { ReportItem, RunTopic } from '@app/stores/meetingRun'

/** What the minutes are built from: the meeting mode's own view of the meeting. */
export interface MinutesInput {
  meeting: Meeting
  villageName: string | null
  topics: readonly RunTopic[]
  /** Views given outside any topic. */
  openViews: readonly Remark[]
  /** New questions raised on the spot (on-site suggestions). */
  questions: readonly Suggestion[]
  /** The report-back list; only the items reported on at this meeting appear in the minutes. */
  reportBack: readonly ReportItem[]
}

/** One thing said: a view, a question. */
export interface MinutesLine {
  speaker: string | null
  text: string
}

export interface MinutesReport {
  kind: ReportItem['kind']
  title: string
  owner: string | null
  dueOn: string | null
  /** The item's status now, e.g. `done` for a decision crossed off at the meeting. */
  status: string
  reports: string[]
}

export interface MinutesDecision {
  text: string
  owner: string
  dueOn: string
  kind: Decision['kind']
  status: Decision['status']
}

export interface MinutesEscalation {
  title: string
  details: string
  status: Escalation['status']
}

export interface MinutesTopic {
  title: string
  outcome: Topic['outcome']
  suggestions: string[]
  views: MinutesLine[]
  decisions: MinutesDecision[]
  escalations: MinutesEscalation[]
}

/** The structured minutes: what the page shows and the text is rendered from. */
export interface Minutes {
  title: string
  village: string | null
  /** The meeting's day and time in Shanghai: 'YYYY-MM-DD' and 'HH:mm'. */
  date: string
  time: string
  place: string
  attendance: number
  status: MeetingStatus
  reportBack: MinutesReport[]
  topics: MinutesTopic[]
  openViews: MinutesLine[]
  questions: MinutesLine[]
  summary: string | null
}

const SHANGHAI_OFFSET_MS = 8 * 3_600_000

/** Date and time of an instant in Shanghai (UTC+8 all year: China keeps no summer time). */
function shanghaiParts(instant: string): { date: string; time: string } {
  const local = new Date(Date.parse(instant) + SHANGHAI_OFFSET_MS).toISOString()
  return { date: local.slice(0, 10), time: local.slice(11, 16) }
}

const line = (remark: Pick<Remark, 'speaker' | 'text'>): MinutesLine => ({ speaker: remark.speaker || null, text: remark.text })

/**
 * Build the minutes of a meeting: date, place, attendance, the report-back (items reported on,
 * with what was said), the topics with their suggestions, views, decisions (专人, 时限) and
 * escalations, other views, new questions and the summary.
 *
 * @example
 * const minutes = buildMinutes({ meeting, villageName: '刘土城村', topics, openViews, questions, reportBack })
 */
export function buildMinutes(input: MinutesInput): Minutes {
  const { meeting } = input
  return {
    title: meeting.title,
    village: input.villageName,
    ...shanghaiParts(meeting.startsAt),
    place: meeting.place,
    attendance: meeting.attendance,
    status: meeting.status,
    reportBack: input.reportBack
      .filter((item) => item.reports.length > 0)
      .map((item) => ({
        kind: item.kind, title: item.title, owner: item.owner, dueOn: item.dueOn, status: item.row.status,
        reports: item.reports.map((r) => r.text),
      })),
    topics: input.topics.map(({ topic, suggestions, views, decisions, escalations }) => ({
      title: topic.title,
      outcome: topic.outcome,
      suggestions: suggestions.map((s) => s.content),
      views: views.map(line),
      decisions: decisions.map((d) => ({ text: d.text, owner: d.owner, dueOn: d.dueOn, kind: d.kind, status: d.status })),
      escalations: escalations.map((e) => ({ title: e.title, details: e.details, status: e.status })),
    })),
    openViews: input.openViews.map(line),
    questions: input.questions.map((q) => ({ speaker: q.submitterName || null, text: q.content })),
    summary: meeting.summary,
  }
}

/** The translate function of vue-i18n (`t`), or any with its shape. */
export type Translate = (key: string, named?: Record<string, unknown>) => string

/** The day and time as the locale says them, e.g. 2026年10月9日 19:30. */
export function minutesWhen(minutes: Pick<Minutes, 'date' | 'time'>, t: Translate): string {
  const [year, month, day] = minutes.date.split('-').map(Number)
  return t('minutes.when', { year, month, day, time: minutes.time })
}

const said = (one: MinutesLine, t: Translate) => (one.speaker ? t('minutes.said', { name: one.speaker, text: one.text }) : one.text)

/** A decision on one line: text, 专人 and 时限, and a mark for a rule (制度文件). */
export function decisionLine(d: MinutesDecision, t: Translate): string {
  const text = t('minutes.decision', { text: d.text, owner: d.owner, date: d.dueOn })
  return d.kind === 'rule' ? `${text}${t('minutes.rule')}` : text
}

/** The status of a report-back item now, in words. */
export function reportStatus(item: MinutesReport, t: Translate): string {
  return item.kind === 'decision' ? t(`run.decisionStatus.${item.status}`) : t(`${item.kind}.status.${item.status}`)
}

/**
 * The minutes' title: the village's name and the meeting's title, once — a title that already
 * names the village (刘土城村乡村夜话（第十二期）) is not prefixed with it again.
 */
export function minutesTitle(minutes: Pick<Minutes, 'village' | 'title'>, t: Translate): string {
  const village = minutes.village && !minutes.title.includes(minutes.village) ? minutes.village : ''
  return t('minutes.documentTitle', { village, title: minutes.title }).trim()
}

/**
 * The minutes as plain text, to copy into a chat or a notebook: one heading per part, items
 * numbered, what was said indented under them.
 *
 * @example
 * navigator.share({ text: minutesText(buildMinutes(input), t) })
 */
export function minutesText(minutes: Minutes, t: Translate): string {
  const out: string[] = []
  const heading = (key: string) => out.push('', t('minutes.heading', { title: t(key) }))
  const none = () => out.push(t('minutes.none'))

  out.push(minutesTitle(minutes, t))
  out.push(t('minutes.whenLine', { when: minutesWhen(minutes, t) }))
  out.push(t('minutes.placeLine', { place: minutes.place }))
  out.push(t('minutes.attendanceLine', { n: minutes.attendance }))
  if (minutes.status !== 'closed') out.push(t('minutes.draft'))

  heading('minutes.sections.reportBack')
  if (minutes.reportBack.length === 0) none()
  minutes.reportBack.forEach((item, i) => {
    const facts = [
      item.owner ? t('minutes.owner', { name: item.owner }) : null,
      item.dueOn ? t('minutes.dueOn', { date: item.dueOn }) : null,
    ].filter((fact): fact is string => fact !== null)
    const about = facts.length > 0 ? t('minutes.facts', { facts: facts.join(t('minutes.separator')) }) : ''
    out.push(t('minutes.reportItem', { n: i + 1, kind: t(`run.report.kind.${item.kind}`), title: item.title, facts: about, status: reportStatus(item, t) }))
    for (const report of item.reports) out.push(`   ${t('minutes.report', { text: report })}`)
  })

  heading('minutes.sections.topics')
  if (minutes.topics.length === 0) none()
  minutes.topics.forEach((topic, i) => {
    out.push(t('minutes.topic', { n: i + 1, title: topic.title }))
    for (const s of topic.suggestions) out.push(`   ${t('minutes.suggestion', { text: s })}`)
    for (const view of topic.views) out.push(`   ${t('minutes.view', { text: said(view, t) })}`)
    for (const d of topic.decisions) out.push(`   ${t('minutes.decided', { text: decisionLine(d, t) })}`)
    for (const e of topic.escalations) out.push(`   ${t('minutes.escalated', { title: e.title })}`)
    if (topic.outcome === 'deferred') out.push(`   ${t('minutes.deferred')}`)
  })

  if (minutes.openViews.length > 0) {
    heading('minutes.sections.openViews')
    for (const view of minutes.openViews) out.push(`- ${said(view, t)}`)
  }
  if (minutes.questions.length > 0) {
    heading('minutes.sections.questions')
    for (const q of minutes.questions) out.push(`- ${said(q, t)}`)
  }

  heading('minutes.sections.summary')
  out.push(minutes.summary ?? t('minutes.none'))
  return out.join('\n')
}
