import { defineStore } from 'pinia'
import { computed } from 'vue'
import Dexie from 'dexie'
import type { Suggestion, SuggestionCategory, SuggestionSource } from '@shared/records'
import type { CreateSuggestionArgs } from '@shared/mutations/suggestion'
import type { MutationResult } from '@shared/mutations'
import { newId, newReceiptCode } from '@shared/ids'
import { useDb } from '@app/db'
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

/** The village's suggestions (newest first), and recording new ones on the device. */
export const useSuggestionsStore = defineStore('suggestions', () => {
  const session = useSessionStore()
  const villageId = computed(() => session.villageId)

  const { value: list } = useLiveQuery<Suggestion[]>(
    async () => {
      const id = villageId.value
      if (!id) return []
      return useDb()
        .suggestions.where('[villageId+createdAt]')
        .between([id, Dexie.minKey], [id, Dexie.maxKey])
        .reverse()
        .filter((s) => s.deletedAt === null)
        .toArray()
    },
    [],
    villageId,
  )

  /** Save a suggestion locally (instant) and queue it for the server. Throws StorageError. */
  async function create(draft: SuggestionDraft): Promise<MutationResult> {
    const actor = session.actor
    if (!actor || !villageId.value) throw new Error('not enrolled')
    const args: CreateSuggestionArgs = {
      id: newId(),
      villageId: villageId.value,
      content: draft.content,
      category: draft.category,
      source: draft.source,
      submitterName: draft.submitterName.trim() || null,
      submitterPhone: draft.submitterPhone.trim() || null,
      publicName: draft.publicName,
      receiptCode: newReceiptCode(),
      attachmentIds: [],
    }
    // The write path (zod, the shared mutations) loads on first write, not with the list.
    const { applyLocal } = await import('@app/db/local')
    return applyLocal(useDb(), 'suggestion.create', args, actor)
  }

  return { list, create }
})
