import { defineStore } from 'pinia'
import { toValue } from 'vue'
import type { MaybeRefOrGetter, ShallowRef } from 'vue'
import type { Escalation, Remark, Suggestion, Township, Village } from '@shared/records'
import type { MutationResult } from '@shared/mutations/core'
import { newId } from '@shared/ids'
import { useDb } from '@app/db'
import { live } from '@app/db/live'
import { useLiveQuery } from '@app/composables/liveQuery'
import { mutate } from '@app/db/mutate'
import { useAttachmentsStore, type AttachmentDraft } from './attachments'

/** What the village writes when it hands a suggestion to the township. */
export interface EscalateInput {
  title: string
  details: string
}

/** The township's acceptance: the deadline (the policy proposes one) and, optionally, a department. */
export interface AcceptInput {
  dueOn: string
  department: string | null
}

/** The township's assignment at (or after) its coordination meeting (议事协调会). */
export interface AssignInput {
  department: string
  assignee: string
  coordinationOn: string | null
  dueOn: string
}

/** The village's callback on the township's result (the cadre, on the villagers' behalf). */
export interface RateInput {
  stars: number
  outcome: 'resolved' | 'partly' | 'unresolved'
  /** Required unless resolved: the reason, shown on top at the desk. */
  feedback?: string
}

/** One escalation with what its page shows: its suggestions, its remarks (oldest first), its village. */
export interface EscalationView {
  escalation: Escalation
  suggestions: Suggestion[]
  remarks: Remark[]
  village: Village | null
  /** Its township, for the deadline policy (null until synced). */
  township: Township | null
}

/**
 * Escalations (上报事项) on this device: the page of one and every action on them as one local
 * write. The township's queue reads through `stores/desk.ts`.
 */
export const useEscalationsStore = defineStore('escalations', () => {
  /**
   * One escalation with its suggestions, remarks and village, kept live. Call it in a component's
   * setup; `undefined` while loading, `null` when this device does not hold it.
   */
  function watchOne(id: MaybeRefOrGetter<string>): ShallowRef<EscalationView | null | undefined> {
    return useLiveQuery<EscalationView | null | undefined>(
      async () => {
        const db = useDb()
        const escalation = await db.escalations.get(toValue(id))
        if (!escalation || escalation.deletedAt !== null) return null
        const [suggestions, remarks, [village], [township]] = await Promise.all([
          db.suggestions.bulkGet(escalation.suggestionIds),
          db.remarks.where('subjectId').equals(escalation.id).toArray(),
          db.villages.bulkGet([escalation.villageId]).then(live),
          db.townships.bulkGet([escalation.townshipId]).then(live),
        ])
        return {
          escalation,
          suggestions: live(suggestions),
          remarks: live(remarks).sort((a, b) => a.createdAt.localeCompare(b.createdAt)),
          village: village ?? null,
          township: township ?? null,
        }
      },
      undefined,
      () => toValue(id),
    ).value
  }

  /** Hand one suggestion to the township (上报), straight from the inbox (no topic). */
  function create(suggestion: Suggestion, input: EscalateInput): Promise<MutationResult> {
    return mutate('escalation.create', {
      id: newId(), villageId: suggestion.villageId, topicId: null, suggestionIds: [suggestion.id],
      title: input.title, details: input.details,
    })
  }

  const accept = (e: Escalation, input: AcceptInput) =>
    mutate('escalation.accept', { id: e.id, dueOn: input.dueOn, department: input.department })
  const assign = (e: Escalation, input: AssignInput) => mutate('escalation.assign', { id: e.id, ...input })
  const returnToVillage = (e: Escalation, reason: string) =>
    mutate('escalation.return', { id: e.id, reason, remarkId: newId() })
  const forward = (e: Escalation, note: string) => mutate('escalation.forward', { id: e.id, note, remarkId: newId() })
  /** 办结 with its evidence photos, as one action (the photos are `attachment.add` steps). */
  function resolve(e: Escalation, resolution: string, photos: readonly AttachmentDraft[] = []): Promise<MutationResult> {
    const args = { id: e.id, suggestionIds: e.suggestionIds, resolution }
    if (photos.length === 0) return mutate('escalation.resolve', args)
    return useAttachmentsStore().saveWith({ name: 'escalation.resolve', args }, 'escalation', e.id, photos)
  }
  /** 销号; `note` when the village has not answered (after the policy's closeAfterDays). */
  const close = (e: Escalation, note?: string) =>
    mutate('escalation.close', { id: e.id, suggestionIds: e.suggestionIds, ...(note === undefined ? {} : { note, remarkId: newId() }) })
  const rate = (e: Escalation, input: RateInput) =>
    mutate('escalation.rate', { id: e.id, suggestionIds: e.suggestionIds, stars: input.stars, outcome: input.outcome, ...(input.feedback ? { feedback: input.feedback } : {}) })
  /** 吹哨报到: the assigned department acknowledged. */
  const report = (e: Escalation) => mutate('escalation.report', { id: e.id })
  const resubmit = (e: Escalation, details?: string) =>
    mutate('escalation.resubmit', details === undefined ? { id: e.id } : { id: e.id, details })
  const feedback = (e: Escalation, text: string) => mutate('escalation.feedback', { id: e.id, feedback: text })
  const rejectResult = (e: Escalation, text: string) =>
    mutate('escalation.reject_result', { id: e.id, suggestionIds: e.suggestionIds, feedback: text })
  const progress = (e: Escalation, text: string) =>
    mutate('remark.add', {
      id: newId(), subjectType: 'escalation', subjectId: e.id, kind: 'progress', text, speaker: null,
    })

  return {
    watchOne,
    create, accept, assign, report, returnToVillage, forward, resolve, close, rate, resubmit, feedback, rejectResult, progress,
  }
})
