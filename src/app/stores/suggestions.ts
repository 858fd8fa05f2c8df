import { defineStore } from 'pinia'
import { computed, ref, toValue } from 'vue'
import type { MaybeRefOrGetter, ShallowRef } from 'vue'
import Dexie from 'dexie'
import type { Escalation, Suggestion, SuggestionCategory, SuggestionSource } from '@shared/records'
import type { LedgerRows } from '@shared/ledger/rows'
import type { CreateSuggestionArgs } from '@shared/mutations/suggestion'
import type { MutationResult } from '@shared/mutations'
import { newId, newReceiptCode } from '@shared/ids'
import { useDb } from '@app/db'
import { live } from '@app/db/live'
import { useLiveQuery } from '@app/composables/liveQuery'
import { useSessionStore } from './session'

/** What the suggestion form collects; ids and receipt are added when it is saved. */
export interface SuggestionDraft {
  content: string
  category: SuggestionCategory
  source: SuggestionSource
  submitterName: string
  submitterPhone: string
  publicName: boolean
}

/**
 * The `suggestion.create` arguments for a draft recorded by a member in their village: a new id
 * and receipt, empty optional fields as null. Attachments are added by `attachment.add` steps.
 */
export function createArgs(draft: SuggestionDraft, villageId: string): CreateSuggestionArgs {
  return {
    id: newId(),
    villageId,
    content: draft.content,
    category: draft.category,
    source: draft.source,
    submitterName: draft.submitterName.trim() || null,
    submitterPhone: draft.submitterPhone.trim() || null,
    publicName: draft.publicName,
    receiptCode: newReceiptCode(),
    attachmentIds: [],
  }
}

/** One suggestion with the rows its path reads (for `suggestionPath`) and the escalations that list it. */
export interface SuggestionView {
  suggestion: Suggestion
  related: LedgerRows
  escalations: Escalation[]
}

/** Read one suggestion and only the rows of its village that concern it. */
async function loadView(id: string): Promise<SuggestionView | null> {
  const db = useDb()
  const suggestion = await db.suggestions.get(id)
  if (!suggestion || suggestion.deletedAt !== null) return null
  const villageId = suggestion.villageId
  const [topics, escalations] = await Promise.all([
    db.topics.filter((t) => t.villageId === villageId && t.suggestionIds.includes(id)).toArray(),
    db.escalations.where('villageId').equals(villageId).filter((e) => e.suggestionIds.includes(id)).toArray(),
  ])
  const topicIds = new Set(topics.map((t) => t.id))
  const [meetings, decisions] = await Promise.all([
    db.meetings.bulkGet([...new Set(topics.map((t) => t.meetingId))]),
    db.decisions.where('villageId').equals(villageId).filter((d) => d.topicId !== null && topicIds.has(d.topicId)).toArray(),
  ])
  const remarks = decisions.length ? await db.remarks.where('subjectId').anyOf(decisions.map((d) => d.id)).toArray() : []
  const liveEscalations = live(escalations).sort((a, b) => a.createdAt.localeCompare(b.createdAt))
  return {
    suggestion,
    escalations: liveEscalations,
    related: {
      suggestions: [suggestion], topics: live(topics), meetings: live(meetings), decisions: live(decisions),
      escalations: liveEscalations, remarks: live(remarks),
    },
  }
}

const PAGE_SIZE = 50

/** The village's suggestions (newest first), and recording new ones on the device. */
export const useSuggestionsStore = defineStore('suggestions', () => {
  const session = useSessionStore()
  const villageId = computed(() => session.villageId)

  /** How many of the newest suggestions the list shows; a village's whole history can be thousands. */
  const shown = ref(PAGE_SIZE)
  const inVillage = (id: string) =>
    useDb().suggestions.where('[villageId+createdAt]').between([id, Dexie.minKey], [id, Dexie.maxKey])

  const { value: list } = useLiveQuery<Suggestion[]>(
    async () => {
      const id = villageId.value
      if (!id) return []
      return inVillage(id)
        .reverse()
        .filter((s) => s.deletedAt === null)
        .limit(shown.value)
        .toArray()
    },
    [],
    () => [villageId.value, shown.value],
  )
  /** All suggestions of the village (an index count; tombstones, which are rare, included). */
  const { value: total } = useLiveQuery(
    async () => (villageId.value ? inVillage(villageId.value).count() : 0),
    0,
    villageId,
  )

  /** Show the next page of older suggestions. */
  function showMore(): void {
    shown.value += PAGE_SIZE
  }

  /**
   * One suggestion with its related rows, kept live. Call it in a component's setup; `undefined`
   * while loading, `null` when this device does not hold it.
   */
  function watchOne(id: MaybeRefOrGetter<string>): ShallowRef<SuggestionView | null | undefined> {
    return useLiveQuery<SuggestionView | null | undefined>(() => loadView(toValue(id)), undefined, () => toValue(id)).value
  }

  /** Save a suggestion locally (instant) and queue it for the server. Throws StorageError. */
  async function create(draft: SuggestionDraft): Promise<MutationResult> {
    const actor = session.actor
    if (!actor || !villageId.value) throw new Error('not enrolled')
    // The write path (zod, the shared mutations) loads on first write, not with the list.
    const { applyLocal } = await import('@app/db/local')
    return applyLocal(useDb(), 'suggestion.create', createArgs(draft, villageId.value), actor)
  }

  return { list, total, shown, showMore, watchOne, create }
})
