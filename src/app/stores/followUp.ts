import { defineStore } from 'pinia'
import { computed } from 'vue'
import { unknownYearsOf } from '@shared/calendar'
import type { OpenItem } from '@shared/ledger'
import { openItems } from '@shared/ledger'
import type { MutationResult } from '@shared/mutations/core'
import type { AddRemarkArgs } from '@shared/mutations/remark'
import type { Decision, Meeting, Suggestion } from '@shared/records'
import { newId } from '@shared/ids'
import type { AttachmentDraft } from '@app/components/attachment/attachmentDraft'
import { useAttachmentsStore } from './attachments'
import { mutate, mutateTogether, type MutationArgs, type MutationStep } from '@app/db/mutate'
import { useVillageRows } from './ledger'
import { useSessionStore } from './session'
import { useWorkCalendar } from '@app/composables/workCalendar'

/** What the 办结 form gives: the evidence note and the photos taken as evidence (not saved yet). */
export interface CompleteInput {
  note: string
  photos: readonly AttachmentDraft[]
}

export type CallbackOutcome = NonNullable<Suggestion['rating']>['outcome']

/** A satisfaction callback (满意度回访) recorded on a villager's behalf. */
export interface CallbackInput {
  stars: number
  outcome: CallbackOutcome
  /** What the villager said; kept as a feedback remark on the suggestion when given. */
  note: string
}

/** An open item with the meeting it came from. */
export type FollowUpItem = OpenItem & { meeting: Meeting | null }

/**
 * Follow-through (落实跟踪) for the village: every open item from earlier meetings by deadline in
 * working days (decisions to cross off with evidence, escalations the township works on,
 * suggestions a callback reopened), the resolved suggestions awaiting a satisfaction callback,
 * and the two actions on them.
 */
export const useFollowUpStore = defineStore('followUp', () => {
  const session = useSessionStore()
  const villageId = computed(() => session.villageId)
  const { index, today, follow, refreshToday } = useVillageRows(villageId)
  const { calendar } = useWorkCalendar()

  const items = computed<FollowUpItem[]>(() => {
    const rows = index.value
    const id = villageId.value
    if (!rows || !id) return []
    return openItems(id, rows, calendar.value, today.value).map((item) => ({
      ...item,
      meeting: item.meetingId ? (rows.meetingsById.get(item.meetingId) ?? null) : null,
    }))
  })
  /** Years the open items' deadlines reach without holiday data (the page warns about them). */
  const unknownYears = computed(() =>
    unknownYearsOf(calendar.value, items.value.flatMap((item) => (item.dueOn ? [[today.value, item.dueOn] as const] : []))))
  /**
   * Resolved suggestions: each awaits the villager's callback. ("Resolved" closes one and
   * "partly"/"not resolved" reopens it, so a resolved suggestion never holds a current rating.)
   */
  const awaitingCallback = computed<Suggestion[]>(() =>
    (index.value?.suggestions ?? [])
      .filter((s) => s.status === 'resolved')
      .sort((a, b) => a.updatedAt.localeCompare(b.updatedAt) || a.id.localeCompare(b.id)),
  )

  /**
   * Cross a decision off (办结) with the note as evidence (kept as its progress remark); its
   * photos are saved with it as one action (`attachment.add` on the decision, blobs kept for upload).
   */
  function complete(decision: Decision, input: CompleteInput): Promise<MutationResult> {
    const topic = decision.topicId ? index.value?.topicsById.get(decision.topicId) : undefined
    const args: MutationArgs<'decision.complete'> = {
      id: decision.id,
      topicId: decision.topicId,
      suggestionIds: topic?.suggestionIds ?? [],
      note: input.note,
      remarkId: newId(),
      attachments: [],
    }
    if (input.photos.length === 0) return mutate('decision.complete', args)
    return useAttachmentsStore().saveWith({ name: 'decision.complete', args }, 'decision', decision.id, input.photos)
  }

  /** Record the villager's rating and, when given, their words (a feedback remark), as one action. */
  async function rate(suggestion: Suggestion, input: CallbackInput): Promise<MutationResult> {
    const steps: MutationStep[] = [{ name: 'suggestion.rate', args: { id: suggestion.id, stars: input.stars, outcome: input.outcome } }]
    const note = input.note.trim()
    if (note) {
      const args: AddRemarkArgs = {
        id: newId(), subjectType: 'suggestion', subjectId: suggestion.id, kind: 'feedback', text: note, speaker: suggestion.submitterName,
      }
      steps.push({ name: 'remark.add', args })
    }
    return mutateTogether(steps)
  }

  return { index, follow, today, items, unknownYears, awaitingCallback, refreshToday, complete, rate }
})
