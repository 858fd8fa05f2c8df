import { defineStore } from 'pinia'
import { computed, toValue } from 'vue'
import type { MaybeRefOrGetter, ShallowRef } from 'vue'
import Dexie from 'dexie'
import type { Meeting, Suggestion, Topic, Village } from '@shared/records'
import type { MutationResult } from '@shared/mutations/core'
import { newId } from '@shared/ids'
import { useDb } from '@app/db'
import { live } from '@app/db/live'
import { useLiveQuery } from '@app/composables/liveQuery'
import { mutate } from '@app/db/mutate'
import { byOrder } from './triage'
import { useSessionStore } from './session'

/** What the meeting form collects. */
export interface MeetingDraft {
  title: string
  /** ISO instant */
  startsAt: string
  place: string
}

/** One topic of the agenda with the suggestions that are on it now. */
export interface AgendaTopic {
  topic: Topic
  suggestions: Suggestion[]
}

/** One meeting with its agenda (topics in order) and its village. */
export interface MeetingView {
  meeting: Meeting
  agenda: AgendaTopic[]
  village: Village | null
}

/** A meeting's topics in order, each with its current suggestions (those that still point back at it). */
export async function loadAgenda(meetingId: string): Promise<AgendaTopic[]> {
  const db = useDb()
  const topics = live(await db.topics.where('meetingId').equals(meetingId).toArray()).sort(byOrder)
  const onTopics = topics.length
    ? live(await db.suggestions.where('topicId').anyOf(topics.map((t) => t.id)).toArray())
    : []
  return topics.map((topic) => ({
    topic,
    suggestions: onTopics
      .filter((s) => s.topicId === topic.id && topic.suggestionIds.includes(s.id))
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt)),
  }))
}

/**
 * The village's meetings (夜话) on this device: the list by time, the page of one with its agenda,
 * and every planning action (create, edit, reschedule, cancel, announce; topics added, renamed,
 * reordered, deferred; a suggestion taken off the agenda) as one local write each.
 */
export const useMeetingsStore = defineStore('meetings', () => {
  const session = useSessionStore()
  const villageId = computed(() => session.villageId)

  /** Every live meeting of the village, earliest first. */
  const { value: list } = useLiveQuery<Meeting[]>(
    async () => {
      const id = villageId.value
      if (!id) return []
      const rows = await useDb().meetings.where('[villageId+startsAt]').between([id, Dexie.minKey], [id, Dexie.maxKey]).toArray()
      return live(rows)
    },
    [],
    villageId,
  )

  /**
   * One meeting with its agenda and village, kept live. Call it in a component's setup; `undefined`
   * while loading, `null` when this device does not hold it.
   */
  function watchOne(id: MaybeRefOrGetter<string>): ShallowRef<MeetingView | null | undefined> {
    return useLiveQuery<MeetingView | null | undefined>(
      async () => {
        const db = useDb()
        const meeting = await db.meetings.get(toValue(id))
        if (!meeting || meeting.deletedAt !== null) return null
        const [agenda, [village]] = await Promise.all([loadAgenda(meeting.id), db.villages.bulkGet([meeting.villageId]).then(live)])
        return { meeting, agenda, village: village ?? null }
      },
      undefined,
      () => toValue(id),
    ).value
  }

  /** Plan a meeting as a draft; resolves to the result and the new meeting's id. */
  async function create(draft: MeetingDraft): Promise<{ result: MutationResult; id: string }> {
    if (!villageId.value) throw new Error('not enrolled')
    const id = newId()
    const result = await mutate('meeting.create', { id, villageId: villageId.value, ...draft })
    return { result, id }
  }

  /**
   * Save the fields that changed and that the meeting's status lets change (a draft: all three;
   * an announced meeting: the title). Resolves to null when nothing changed.
   */
  function update(meeting: Meeting, draft: MeetingDraft): Promise<MutationResult> | null {
    const patch: { title?: string; startsAt?: string; place?: string } = {}
    if (draft.title !== meeting.title) patch.title = draft.title
    if (meeting.status === 'draft') {
      if (draft.startsAt !== meeting.startsAt) patch.startsAt = draft.startsAt
      if (draft.place !== meeting.place) patch.place = draft.place
    }
    if (Object.keys(patch).length === 0) return null
    return mutate('meeting.update', { id: meeting.id, ...patch })
  }

  const announce = (meeting: Meeting, noticeText: string) => mutate('meeting.announce', { id: meeting.id, noticeText })
  const reschedule = (meeting: Meeting) => mutate('meeting.reschedule', { id: meeting.id })
  const cancel = (meeting: Meeting) => mutate('meeting.cancel', { id: meeting.id })

  /** Add an empty topic at the end of the agenda. */
  function addTopic(meeting: Meeting, agenda: readonly AgendaTopic[], title: string): Promise<MutationResult> {
    const order = agenda.reduce((last, { topic }) => Math.max(last, topic.order + 1), 0)
    return mutate('topic.create', { id: newId(), meetingId: meeting.id, title, order })
  }

  const renameTopic = (topic: Topic, title: string) =>
    mutate('topic.update', { id: topic.id, meetingId: topic.meetingId, title })

  /** Swap a topic with its neighbour above (-1) or below (+1); the whole agenda is renumbered. */
  function moveTopic(agenda: readonly AgendaTopic[], index: number, step: -1 | 1): Promise<MutationResult> | null {
    const other = index + step
    const [moved, neighbour] = [agenda[index], agenda[other]]
    if (!moved || !neighbour) return null
    const topicIds = agenda.map(({ topic }) => topic.id)
    topicIds[index] = neighbour.topic.id
    topicIds[other] = moved.topic.id
    return mutate('topic.reorder', { meetingId: moved.topic.meetingId, topicIds })
  }

  const deferTopic = (topic: Topic) =>
    mutate('topic.defer', { id: topic.id, meetingId: topic.meetingId, suggestionIds: topic.suggestionIds })
  const removeTopic = (topic: Topic) =>
    mutate('topic.remove', { id: topic.id, meetingId: topic.meetingId, suggestionIds: topic.suggestionIds })

  /** Take one suggestion off its topic, back to the inbox. */
  const unschedule = (suggestion: Suggestion) =>
    mutate('suggestion.unschedule', { suggestionIds: [suggestion.id], topicId: suggestion.topicId })

  return {
    list, watchOne,
    create, update, announce, reschedule, cancel,
    addTopic, renameTopic, moveTopic, deferTopic, removeTopic, unschedule,
  }
})
