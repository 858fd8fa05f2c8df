import { defineStore } from 'pinia'
import { toValue } from 'vue'
import type { MaybeRefOrGetter, ShallowRef } from 'vue'
import { todayInShanghai } from '@shared/calendar'
import type { DueStatus } from '@shared/calendar'
import { idAt, legacyWindow } from '@shared/ledger/attribution'
import { byDeadline, openItems } from '@shared/ledger/openItems'
import type { OpenItem } from '@shared/ledger/openItems'
import type { MutationResult } from '@shared/mutations/core'
import { mayRun } from '@shared/mutations/permissions'
import type { Decision, Escalation, Meeting, Remark, Suggestion, Tables, Topic } from '@shared/records'
import { newId, newReceiptCode } from '@shared/ids'
import { useDb } from '@app/db'
import { live } from '@app/db/live'
import { useLiveQuery } from '@app/composables/liveQuery'
import { readVillageCalendar } from '@app/composables/workCalendar'
import { mutate, mutateTogether } from '@app/db/mutate'
import type { MutationStep } from '@app/db/mutate'
import { useSessionStore } from './session'

/** One topic of the meeting with what was said and settled on it. */
export interface RunTopic {
  topic: Topic
  /** The suggestions the topic grouped (its list), as they stand now. */
  suggestions: Suggestion[]
  /** Views given on it (群众议事), oldest first. */
  views: Remark[]
  decisions: Decision[]
  escalations: Escalation[]
}

/** One meeting and everything recorded at it, for meeting mode and the minutes. */
export interface RunView {
  meeting: Meeting
  /** In agenda order. */
  topics: RunTopic[]
  /** Views given in open discussion outside any topic (on the meeting itself). */
  openViews: Remark[]
  /** Questions villagers raised on the spot, recorded as `on_site` suggestions. */
  questions: Suggestion[]
}

/** One item of the report-back (上次落实情况) with the reports given on it at this meeting. */
export interface ReportItem {
  kind: OpenItem['kind']
  row: Decision | Escalation | Suggestion
  title: string
  owner: string | null
  dueOn: string | null
  due: DueStatus | null
  /** Still open now (an item crossed off tonight stays listed, with its new status). */
  open: boolean
  /** The decision's topic, whose list `decision.complete` needs. */
  topic: Topic | null
  /** Reports (`followup` remarks) given on it at this meeting, oldest first. */
  reports: Remark[]
}

/** What the cadre did with an item at the report-back besides reporting on it. */
export type ReportOutcome = 'in_progress' | 'done' | 'result_received'

export interface DecideInput {
  text: string
  owner: string
  dueOn: string
  kind: Decision['kind']
}

const unique = (ids: readonly (string | null)[]): string[] => [...new Set(ids.filter((id): id is string => id !== null))]
const byCreation = (a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id)

/**
 * The rows of one table recorded at a meeting: those that name it, and (for a meeting that is
 * over) those of its evening that name none (`recordedAt`, `legacyWindow`).
 */
async function recordedAtMeeting<T extends 'suggestions' | 'remarks'>(
  table: T,
  meeting: Meeting,
): Promise<Tables[T][]> {
  const rows = useDb().table<Tables[T], string>(table)
  const window = legacyWindow(meeting)
  const [named, unnamed] = await Promise.all([
    rows.where('meetingId').equals(meeting.id).toArray(),
    window
      ? rows.where('id').between(idAt(window.from), idAt(window.to + 1)).filter((row) => !row.meetingId && row.villageId === meeting.villageId).toArray()
      : [],
  ])
  return live([...named, ...unnamed])
}

/** Read one meeting with its topics, their suggestions, views, decisions and escalations. */
async function loadRun(meetingId: string): Promise<RunView | null> {
  const db = useDb()
  const meeting = await db.meetings.get(meetingId)
  if (!meeting || meeting.deletedAt !== null) return null
  const topics = live(await db.topics.where('meetingId').equals(meetingId).toArray()).sort(
    (a, b) => a.order - b.order || byCreation(a, b),
  )
  const topicIds = topics.map((t) => t.id)
  const [suggestions, remarks, decisions, escalations, raised] = await Promise.all([
    db.suggestions.bulkGet(unique(topics.flatMap((t) => t.suggestionIds))).then(live),
    db.remarks.where('subjectId').anyOf([meetingId, ...topicIds]).toArray().then(live),
    db.decisions.where('meetingId').equals(meetingId).toArray().then(live),
    topicIds.length
      ? db.escalations.where('villageId').equals(meeting.villageId).filter((e) => e.topicId !== null && topicIds.includes(e.topicId)).toArray().then(live)
      : [],
    recordedAtMeeting('suggestions', meeting),
  ])
  const suggestionsById = new Map(suggestions.map((s) => [s.id, s]))
  const views = remarks.filter((r) => r.kind === 'view').sort(byCreation)
  return {
    meeting,
    topics: topics.map((topic) => ({
      topic,
      suggestions: topic.suggestionIds.flatMap((id) => suggestionsById.get(id) ?? []),
      views: views.filter((r) => r.subjectId === topic.id),
      decisions: decisions.filter((d) => d.topicId === topic.id).sort(byCreation),
      escalations: escalations.filter((e) => e.topicId === topic.id).sort(byCreation),
    })),
    openViews: views.filter((r) => r.subjectId === meetingId),
    questions: raised.filter((s) => s.source === 'on_site').sort(byCreation),
  }
}

/** How many names the speaker chips offer: the ones used most recently. */
export const SPEAKER_CHIPS = 12

/**
 * The names already used in a village, most recent first: speakers of views and those who raised
 * questions on the spot. Read once when the discussion opens (a village's whole history of
 * remarks), not kept live: tonight's new names come from the run view.
 */
export async function villageSpeakers(villageId: string): Promise<string[]> {
  const db = useDb()
  const [remarks, questions] = await Promise.all([
    db.remarks.where('villageId').equals(villageId).filter((r) => r.speaker !== null && r.deletedAt === null).toArray(),
    db.suggestions.where('[villageId+createdAt]').between([villageId, ''], [villageId, '\uffff'])
      .filter((s) => s.source === 'on_site' && s.submitterName !== null && s.deletedAt === null).toArray(),
  ])
  const said = [
    ...remarks.map((r) => ({ id: r.id, name: r.speaker! })),
    ...questions.map((s) => ({ id: s.id, name: s.submitterName! })),
  ].sort((a, b) => b.id.localeCompare(a.id))
  return [...new Set(said.map((one) => one.name.trim()).filter((name) => name !== ''))]
}

const reportTables = { decision: 'decisions', escalation: 'escalations', suggestion: 'suggestions' } as const
type ReportSubject = keyof typeof reportTables
const isReportSubject = (type: string): type is ReportSubject => Object.hasOwn(reportTables, type)

/**
 * The report-back of a meeting: every item still open from earlier meetings (`openItems`), plus
 * those reported on at this meeting that have been crossed off since, all in `byDeadline` order.
 * Reads only
 * indexed slices: open decisions, the village's unclosed escalations, suggestions on an agenda,
 * and the remarks on those items.
 */
async function loadReportBack(meeting: Meeting, today: string): Promise<ReportItem[]> {
  const db = useDb()
  const villageId = meeting.villageId
  const [decisions, escalations, suggestions, given] = await Promise.all([
    db.decisions.where('status').equals('open').filter((d) => d.villageId === villageId).toArray(),
    db.escalations.where('villageId').equals(villageId).filter((e) => e.status !== 'closed').toArray(),
    db.suggestions.where('[villageId+status]').equals([villageId, 'on_agenda']).toArray(),
    recordedAtMeeting('remarks', meeting),
  ])
  const reports = given.filter((r) => r.kind === 'followup')
  const reportedIds = (type: ReportSubject) => unique(reports.filter((r) => r.subjectType === type).map((r) => r.subjectId))
  const [doneDecisions, closedEscalations, movedSuggestions] = await Promise.all([
    db.decisions.bulkGet(reportedIds('decision')).then(live),
    db.escalations.bulkGet(reportedIds('escalation')).then(live),
    db.suggestions.bulkGet(reportedIds('suggestion')).then(live),
  ])
  const allDecisions = [...decisions, ...doneDecisions.filter((d) => d.status !== 'open')]
  const topicIds = unique([...allDecisions, ...escalations, ...suggestions, ...closedEscalations].map((r) => r.topicId))
  const topics = live(await db.topics.bulkGet(topicIds))
  const meetings = live(await db.meetings.bulkGet(unique(topics.map((t) => t.meetingId))))
  const topicsById = new Map(topics.map((t) => [t.id, t]))
  const calendar = await readVillageCalendar(db, villageId)
  const open = openItems(villageId, { suggestions, topics, meetings, decisions, escalations }, calendar, today, {
    meetingId: meeting.id,
  })
  const items: ReportItem[] = open.map((item) => ({
    kind: item.kind, row: item.row, title: item.title, owner: item.owner, dueOn: item.dueOn, due: item.due, open: true,
    topic: item.row.topicId ? topicsById.get(item.row.topicId) ?? null : null, reports: [],
  }))
  const listed = new Set(items.map((item) => item.row.id))
  const crossedOff: ReportItem[] = [
    ...allDecisions.filter((d) => !listed.has(d.id) && d.status !== 'open').map((row) => ({
      kind: 'decision' as const, row, title: row.text, owner: row.owner, dueOn: row.dueOn, due: null, open: false,
      topic: row.topicId ? topicsById.get(row.topicId) ?? null : null, reports: [],
    })),
    ...closedEscalations.filter((e) => !listed.has(e.id)).map((row) => ({
      kind: 'escalation' as const, row, title: row.title, owner: row.assignee, dueOn: row.dueOn, due: null,
      open: false, topic: null, reports: [],
    })),
    ...movedSuggestions.filter((s) => !listed.has(s.id)).map((row) => ({
      kind: 'suggestion' as const, row, title: row.content, owner: null, dueOn: null, due: null, open: false,
      topic: null, reports: [],
    })),
  ]
  // One order for open and crossed-off items alike: marking an item does not move it under the thumb.
  const all = [...items, ...crossedOff].sort((a, b) => byDeadline({ ...a, id: a.row.id }, { ...b, id: b.row.id }))
  const reportsBySubject = new Map<string, Remark[]>()
  for (const report of reports.sort(byCreation)) {
    if (!isReportSubject(report.subjectType)) continue
    reportsBySubject.set(report.subjectId, [...(reportsBySubject.get(report.subjectId) ?? []), report])
  }
  for (const item of all) item.reports = reportsBySubject.get(item.row.id) ?? []
  return all
}


/**
 * Meeting mode (the run sheet) and the minutes: one meeting's rows kept live, the report-back
 * list, and every action of the evening as one local write.
 */
export const useMeetingRunStore = defineStore('meetingRun', () => {
  const session = useSessionStore()

  /** One meeting with its topics and what was said; `undefined` while loading, `null` when not on this phone. */
  function watchRun(meetingId: MaybeRefOrGetter<string>): ShallowRef<RunView | null | undefined> {
    return useLiveQuery<RunView | null | undefined>(() => loadRun(toValue(meetingId)), undefined, () => toValue(meetingId)).value
  }

  /** The report-back list of a meeting, kept live; `undefined` while loading. */
  function watchReportBack(meeting: MaybeRefOrGetter<Meeting | null | undefined>): ShallowRef<ReportItem[] | undefined> {
    return useLiveQuery<ReportItem[] | undefined>(
      async () => {
        const row = toValue(meeting)
        return row ? loadReportBack(row, todayInShanghai(new Date())) : undefined
      },
      undefined,
      // Re-read when the meeting itself changes, not on every attendance tap.
      () => {
        const row = toValue(meeting)
        return row ? `${row.id}:${row.startsAt}:${row.status}` : null
      },
    ).value
  }

  const start = (meeting: Meeting) => mutate('meeting.start', { id: meeting.id })
  const saveAttendance = (meeting: Meeting, attendance: number) => mutate('meeting.update', { id: meeting.id, attendance })
  const close = (meeting: Meeting, summary: string, attendance: number) =>
    mutate('meeting.close', { id: meeting.id, summary, attendance })

  /** Record the report given on an item at a meeting and, when the cadre says so, cross it off in the same write. */
  function report(meetingId: string, item: ReportItem, text: string, outcome: ReportOutcome): Promise<MutationResult> {
    const steps: MutationStep[] = [{
      name: 'remark.add',
      args: { id: newId(), subjectType: item.kind, subjectId: item.row.id, kind: 'followup', text, speaker: null, meetingId },
    }]
    if (outcome === 'done' && item.kind === 'decision') {
      steps.push({
        name: 'decision.complete',
        args: {
          id: item.row.id, topicId: item.topic?.id ?? null, suggestionIds: item.topic?.suggestionIds ?? [], note: text,
          remarkId: newId(), attachments: [],
        },
      })
    }
    if (outcome === 'result_received' && item.kind === 'escalation') steps.push({ name: 'escalation.close', args: { id: item.row.id } })
    return mutateTogether(steps)
  }

  /** A view given in open discussion, on a topic or (without one) on the meeting. */
  const addView = (meeting: Meeting, subject: { type: 'topic' | 'meeting'; id: string }, text: string, speaker: string) =>
    mutate('remark.add', {
      id: newId(), subjectType: subject.type, subjectId: subject.id, kind: 'view', text, speaker: speaker.trim() || null,
      meetingId: meeting.id,
    })

  /** A villager's new question, recorded as an `on_site` suggestion in the village's inbox. */
  const raiseQuestion = (meeting: Meeting, text: string, speaker: string) =>
    mutate('suggestion.create', {
      id: newId(), villageId: meeting.villageId, content: text, category: 'other', source: 'on_site',
      submitterName: speaker.trim() || null, submitterPhone: null, publicName: false, receiptCode: newReceiptCode(),
      attachmentIds: [], meetingId: meeting.id,
    })

  const decide = (meeting: Meeting, topic: Topic, input: DecideInput) =>
    mutate('decision.create', {
      id: newId(), meetingId: meeting.id, topicId: topic.id, suggestionIds: topic.suggestionIds, ...input,
    })

  /** Hand a topic to the township with the suggestions chosen from it. */
  const escalate = (meeting: Meeting, topic: Topic, input: { title: string; details: string }, suggestionIds: string[]) =>
    mutate('escalation.create', {
      id: newId(), villageId: meeting.villageId, topicId: topic.id, suggestionIds, title: input.title, details: input.details,
    })

  const defer = (meeting: Meeting, topic: Topic) =>
    mutate('topic.defer', { id: topic.id, meetingId: meeting.id, suggestionIds: topic.suggestionIds })

  /** Whether this device's member may run the meeting (cadres only; others read). */
  const canRun = () => mayRun(session.actor?.role, 'meeting.start')

  return { watchRun, watchReportBack, start, saveAttendance, close, report, addView, raiseQuestion, decide, escalate, defer, canRun }
})
