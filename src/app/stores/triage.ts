import { defineStore } from 'pinia'
import { computed } from 'vue'
import Dexie from 'dexie'
import type { Meeting, MeetingStatus, Suggestion, Topic } from '@shared/records'
import type { MutationResult } from '@shared/mutations/core'
import { newId } from '@shared/ids'
import { useDb } from '@app/db'
import { live } from '@app/db/live'
import { useLiveQuery } from '@app/composables/liveQuery'
import type { MeetingDraft } from './meetings'
import { mutate, mutateTogether } from '@app/db/mutate'
import { useSessionStore } from './session'

/** A meeting the branch can still plan (draft or announced), with its pending topics in order. */
export interface OpenMeeting {
  meeting: Meeting
  topics: Topic[]
  /** The order a topic added at the end takes. */
  nextOrder: number
}

/** Where suggestions go on the agenda: a meeting (or a new one) and a topic (or a new one). */
export interface AgendaChoice {
  meeting: { id: string } | { draft: MeetingDraft }
  topic: { id: string } | { title: string }
}

/** How a batch went: how many were saved before the first refusal (if any). */
export interface BatchResult {
  saved: number
  result: MutationResult
}

/** Topics in agenda order (the order field, then creation). */
export const byOrder = (a: Topic, b: Topic) => a.order - b.order || a.createdAt.localeCompare(b.createdAt)

/** Meetings whose agenda triage may fill (one already running is planned on the evening itself). */
export const plannable: readonly MeetingStatus[] = ['draft', 'announced']

/**
 * Triage (支部讨论): the inbox of the village's new suggestions, oldest first, and the four ways
 * out of it — onto a meeting's agenda, merged into a duplicate, answered, or declined with a reason.
 */
export const useTriageStore = defineStore('triage', () => {
  const session = useSessionStore()
  const villageId = computed(() => session.villageId)

  const byStatus = async (status: Suggestion['status']) => {
    const id = villageId.value
    if (!id) return []
    const rows = await useDb().suggestions.where('[villageId+status]').equals([id, status]).toArray()
    return live(rows).sort((a, b) => a.createdAt.localeCompare(b.createdAt))
  }

  /** The new suggestions of the village, oldest first: what waits for an outcome. */
  const { value: inbox } = useLiveQuery<Suggestion[]>(() => byStatus('new'), [], villageId)

  /** Suggestions on an agenda: a new one may be merged into one of these too. */
  const { value: onAgenda } = useLiveQuery<Suggestion[]>(() => byStatus('on_agenda'), [], villageId)

  /** Draft and announced meetings, earliest first, with their pending topics. */
  const { value: openMeetings } = useLiveQuery<OpenMeeting[]>(
    async () => {
      const id = villageId.value
      if (!id) return []
      const db = useDb()
      const meetings = live(
        await db.meetings.where('[villageId+startsAt]').between([id, Dexie.minKey], [id, Dexie.maxKey]).toArray(),
      ).filter((m) => plannable.includes(m.status))
      const topics = meetings.length ? live(await db.topics.where('meetingId').anyOf(meetings.map((m) => m.id)).toArray()) : []
      return meetings.map((meeting) => {
        const own = topics.filter((t) => t.meetingId === meeting.id)
        return {
          meeting,
          topics: own.filter((t) => t.outcome === 'pending').sort(byOrder),
          nextOrder: own.reduce((last, t) => Math.max(last, t.order + 1), 0),
        }
      })
    },
    [],
    villageId,
  )

  /** Put suggestions on an agenda, creating the meeting first when the choice is a new one. */
  async function schedule(suggestionIds: string[], choice: AgendaChoice): Promise<MutationResult> {
    const topic = choice.topic
    if ('draft' in choice.meeting) {
      // A new meeting and its first topic are one action: refused together or saved together.
      if (!villageId.value) throw new Error('not enrolled')
      const meetingId = newId()
      const title = 'title' in topic ? topic.title : ''
      return mutateTogether([
        { name: 'meeting.create', args: { id: meetingId, villageId: villageId.value, ...choice.meeting.draft } },
        { name: 'suggestion.schedule', args: { suggestionIds, meetingId, topicId: newId(), newTopic: { title, order: 0 } } },
      ])
    }
    const meetingId = choice.meeting.id
    const nextOrder = openMeetings.value.find((m) => m.meeting.id === meetingId)?.nextOrder ?? 0
    return 'title' in topic
      ? mutate('suggestion.schedule', { suggestionIds, meetingId, topicId: newId(), newTopic: { title: topic.title, order: nextOrder } })
      : mutate('suggestion.schedule', { suggestionIds, meetingId, topicId: topic.id })
  }

  /** Run one write per suggestion, in order, stopping at the first refusal. */
  async function each(ids: readonly string[], write: (id: string) => Promise<MutationResult>): Promise<BatchResult> {
    let result: MutationResult = { ok: true, changes: [] }
    let saved = 0
    for (const id of ids) {
      result = await write(id)
      if (!result.ok) break
      saved += 1
    }
    return { saved, result }
  }

  const merge = (ids: readonly string[], intoId: string) => each(ids, (id) => mutate('suggestion.merge', { id, intoId }))
  const answer = (ids: readonly string[], text: string) => each(ids, (id) => mutate('suggestion.answer', { id, answer: text }))
  const decline = (ids: readonly string[], reason: string) => each(ids, (id) => mutate('suggestion.decline', { id, reason }))

  return { inbox, onAgenda, openMeetings, schedule, merge, answer, decline }
})
