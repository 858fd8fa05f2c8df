import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { defaultCalendar, todayInShanghai } from '@shared/calendar'
import type { LedgerIndex, OpenItem } from '@shared/ledger'
import { openItems } from '@shared/ledger'
import type { MutationName } from '@shared/mutations/registry'
import type { MutationResult } from '@shared/mutations/core'
import type { BlobFields } from '@shared/mutations/attachment'
import type { Decision, Meeting, Suggestion } from '@shared/records'
import { newId } from '@shared/ids'
import { useDb } from '@app/db'
import { useLiveQuery } from '@app/composables/liveQuery'
import { mutate, type MutationArgs } from './mutate'
import { loadVillageLedger } from './ledger'
import { useSessionStore } from './session'

/** What the 办结 form gives: the evidence note and photos already uploaded by hash. */
export interface CompleteInput {
  note: string
  attachments?: BlobFields[]
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

type Step = { [N in MutationName]: { name: N; args: MutationArgs<N> } }[MutationName]

/** Thrown inside the transaction to undo the steps already applied when a later one is refused. */
class Refused extends Error {
  constructor(readonly result: MutationResult) {
    super('refused')
  }
}

/**
 * Apply several mutations as ONE person's action: one IndexedDB transaction, so either every row
 * and outbox entry is written or none. The first refusal is returned and nothing is kept.
 */
async function mutateTogether(steps: readonly Step[]): Promise<MutationResult> {
  const actor = useSessionStore().actor
  if (!actor) throw new Error('not enrolled')
  if (steps.length === 1) return mutate(steps[0]!.name, steps[0]!.args)
  // Loaded before the transaction starts: awaiting an import inside it would let it commit early.
  const { applyLocal, writeTables } = await import('@app/db/local')
  const db = useDb()
  try {
    return await db.transaction('rw', writeTables, async () => {
      let last: MutationResult | undefined
      for (const step of steps) {
        last = await applyLocal(db, step.name, step.args, actor)
        if (!last.ok) throw new Refused(last)
      }
      return last!
    })
  } catch (error) {
    if (error instanceof Refused) return error.result
    throw error
  }
}

/**
 * Follow-through (落实跟踪) for the village: every open item from earlier meetings by deadline in
 * working days (decisions to cross off with evidence, escalations the township works on,
 * suggestions a callback reopened), the resolved suggestions awaiting a satisfaction callback,
 * and the two actions on them.
 */
export const useFollowUpStore = defineStore('followUp', () => {
  const session = useSessionStore()
  const villageId = computed(() => session.villageId)

  const { value: index } = useLiveQuery<LedgerIndex | null>(
    async () => (villageId.value ? loadVillageLedger(villageId.value) : null),
    null,
    villageId,
  )
  /** 'YYYY-MM-DD' in Asia/Shanghai: deadlines are counted in working days from it. */
  const today = ref(todayInShanghai(new Date()))

  const items = computed<FollowUpItem[]>(() => {
    const rows = index.value
    const id = villageId.value
    if (!rows || !id) return []
    return openItems(id, rows, defaultCalendar, today.value).map((item) => ({
      ...item,
      meeting: item.meetingId ? (rows.meetingsById.get(item.meetingId) ?? null) : null,
    }))
  })
  /**
   * Resolved suggestions: each awaits the villager's callback. ("Resolved" closes one and
   * "partly"/"not resolved" reopens it, so a resolved suggestion never holds a current rating.)
   */
  const awaitingCallback = computed<Suggestion[]>(() =>
    (index.value?.suggestions ?? [])
      .filter((s) => s.status === 'resolved')
      .sort((a, b) => a.updatedAt.localeCompare(b.updatedAt) || a.id.localeCompare(b.id)),
  )

  /** Measure deadlines against the current date again (the app stayed open past midnight). */
  function refreshToday(): void {
    today.value = todayInShanghai(new Date())
  }

  /** Cross a decision off (办结) with the note as evidence (kept as its progress remark) and photos. */
  function complete(decision: Decision, input: CompleteInput): Promise<MutationResult> {
    const topic = decision.topicId ? index.value?.topicsById.get(decision.topicId) : undefined
    return mutate('decision.complete', {
      id: decision.id,
      topicId: decision.topicId,
      suggestionIds: topic?.suggestionIds ?? [],
      note: input.note,
      remarkId: newId(),
      attachments: input.attachments ?? [],
    })
  }

  /** Record the villager's rating and, when given, their words, as one action. */
  function rate(suggestion: Suggestion, input: CallbackInput): Promise<MutationResult> {
    const steps: Step[] = [{ name: 'suggestion.rate', args: { id: suggestion.id, stars: input.stars, outcome: input.outcome } }]
    const note = input.note.trim()
    if (note) {
      steps.push({
        name: 'remark.add',
        args: { id: newId(), subjectType: 'suggestion', subjectId: suggestion.id, kind: 'feedback', text: note, speaker: suggestion.submitterName },
      })
    }
    return mutateTogether(steps)
  }

  return { index, today, items, awaitingCallback, refreshToday, complete, rate }
})
