import { defineStore } from 'pinia'
import { computed, ref, shallowRef, watch } from 'vue'
import type { Ref, ShallowRef } from 'vue'
import Dexie from 'dexie'
import { todayInShanghai } from '@shared/calendar'
import type { FunnelCounts, LedgerFilter, LedgerIndex, PathStepKind } from '@shared/ledger'
import { funnel, indexLedger, ledgerFilter, suggestionOverdue, suggestionPath } from '@shared/ledger'
import type { Meeting, Suggestion, SuggestionCategory, SuggestionSource, SuggestionStatus } from '@shared/records'
import { useDb } from '@app/db'
import { live } from '@app/db/live'
import { useLiveQuery } from '@app/composables/liveQuery'
import { tryOnScopeDispose } from '@app/composables/scope'
import { useSessionStore } from './session'

/** What the ledger screen's controls hold; `''` means "all". */
export interface LedgerControls {
  status: SuggestionStatus | ''
  category: SuggestionCategory | ''
  source: SuggestionSource | ''
  meetingId: string
  overdue: 'overdue' | 'on_time' | ''
}

export const noControls: Readonly<LedgerControls> = { status: '', category: '', source: '', meetingId: '', overdue: '' }

/** How long typing must pause before the list is searched again. */
export const SEARCH_DEBOUNCE_MS = 250
const PAGE_SIZE = 50

/**
 * Every row of one village the ledger derives from, read in one go and indexed once: its
 * suggestions, meetings, topics, decisions and escalations (remarks are left out: the ledger's
 * list and counts do not need them).
 */
export async function loadVillageLedger(villageId: string): Promise<LedgerIndex> {
  const db = useDb()
  const [suggestions, meetings, topics, decisions, escalations, villages] = await Promise.all([
    db.suggestions.where('[villageId+createdAt]').between([villageId, Dexie.minKey], [villageId, Dexie.maxKey]).toArray(),
    db.meetings.where('[villageId+startsAt]').between([villageId, Dexie.minKey], [villageId, Dexie.maxKey]).toArray(),
    // Topics have no village index; a village device holds only its own village's anyway.
    db.topics.filter((topic) => topic.villageId === villageId).toArray(),
    db.decisions.where('villageId').equals(villageId).toArray(),
    db.escalations.where('villageId').equals(villageId).toArray(),
    db.villages.bulkGet([villageId]),
  ])
  return indexLedger({ suggestions, meetings, topics, decisions, escalations, villages: live(villages) })
}

/**
 * Keep `target` set to the village's indexed rows while the calling effect scope (a page) lives;
 * it keeps its last value afterwards.
 */
export function followVillage(villageId: Ref<string | null>, target: ShallowRef<LedgerIndex | null>): void {
  const { value } = useLiveQuery<LedgerIndex | null>(
    async () => (villageId.value ? loadVillageLedger(villageId.value) : null),
    null,
    villageId,
  )
  watch(value, (rows) => {
    if (rows) target.value = rows
  })
}

/**
 * What the ledger and follow-through screens share: the village's indexed rows (null until first
 * read), `follow` to keep them in step with the device database while the calling component
 * lives (not for the store's whole life: re-reading a large village on every write would also slow
 * down the meeting's run sheet once the page had been opened), and today's date in Asia/Shanghai,
 * which overdue marks and working-day deadlines are measured against.
 */
export function useVillageRows(villageId: Ref<string | null>) {
  const index = shallowRef<LedgerIndex | null>(null)
  const today = ref(todayInShanghai(new Date()))
  return {
    index,
    today,
    follow: (): void => followVillage(villageId, index),
    /** Measure against the current date again (the app stayed open past midnight). */
    refreshToday: (): void => {
      today.value = todayInShanghai(new Date())
    },
  }
}

function toFilter(controls: LedgerControls, text: string): LedgerFilter {
  return {
    ...(controls.status ? { status: controls.status } : {}),
    ...(controls.category ? { category: controls.category } : {}),
    ...(controls.source ? { source: controls.source } : {}),
    ...(controls.meetingId ? { meetingId: controls.meetingId } : {}),
    ...(controls.overdue ? { overdue: controls.overdue === 'overdue' } : {}),
    ...(text.trim() ? { text } : {}),
  }
}

const zeroCounts = (): FunnelCounts => ({
  collected: 0, onAgenda: 0, decided: 0, escalated: 0, resolved: 0, rated: 0, rulesFormed: 0, open: 0, overdue: 0,
})

/**
 * The village ledger (台账): the funnel counts, derived from the records on this device, and the
 * filtered, searched list of every suggestion, a page at a time. A village's whole history can be
 * thousands of rows: the rows sit in a shallowRef, searching waits for typing to pause, and only
 * the shown page gets its overdue marks.
 */
export const useLedgerStore = defineStore('ledger', () => {
  const session = useSessionStore()
  const villageId = computed(() => session.villageId)
  const { index, today, follow, refreshToday } = useVillageRows(villageId)

  const counts = computed<FunnelCounts | null>(() => {
    const rows = index.value
    const id = villageId.value
    if (!rows || !id) return null
    return funnel(rows, { today: today.value }).byVillage[id] ?? zeroCounts()
  })
  /** Resolved suggestions waiting for the villager's satisfaction callback. */
  const awaitingCallback = computed(() => index.value?.suggestions.filter((s) => s.status === 'resolved').length ?? 0)

  const controls = ref<LedgerControls>({ ...noControls })
  /** What the person types into the search field. */
  const search = ref('')
  /** The search the list applies: `search` once typing has paused. */
  const searched = ref('')
  let pending: ReturnType<typeof setTimeout> | undefined
  watch(search, (value) => {
    clearTimeout(pending)
    pending = setTimeout(() => (searched.value = value), SEARCH_DEBOUNCE_MS)
  })
  tryOnScopeDispose(() => clearTimeout(pending))

  const results = computed<Suggestion[]>(() =>
    index.value ? ledgerFilter(index.value, toFilter(controls.value, searched.value), today.value) : [],
  )
  const shown = ref(PAGE_SIZE)
  watch([controls, searched], () => (shown.value = PAGE_SIZE), { deep: true })
  /** The page of results on screen. */
  const visible = computed(() => results.value.slice(0, shown.value))
  /** Ids of the shown suggestions with an overdue decision or escalation. */
  const overdueIds = computed(() => {
    const rows = index.value
    if (!rows) return new Set<string>()
    return new Set(visible.value.filter((s) => suggestionOverdue(rows, s, today.value)).map((s) => s.id))
  })
  /** The kinds of steps each shown suggestion went through, in order, repeats dropped (收集 → 列入议题 → …). */
  const shortPaths = computed(() => {
    const rows = index.value
    const paths = new Map<string, PathStepKind[]>()
    if (!rows) return paths
    for (const suggestion of visible.value) {
      const kinds = suggestionPath(suggestion, rows).map((step) => step.kind)
      paths.set(suggestion.id, kinds.filter((kind, i) => kind !== kinds[i - 1]))
    }
    return paths
  })
  /** The village's meetings, newest first, for the meeting filter. */
  const meetings = computed<Meeting[]>(() =>
    index.value ? [...index.value.meetingsById.values()].sort((a, b) => b.startsAt.localeCompare(a.startsAt)) : [],
  )

  function showMore(): void {
    shown.value += PAGE_SIZE
  }

  function clearFilters(): void {
    controls.value = { ...noControls }
    search.value = ''
    clearTimeout(pending)
    searched.value = ''
  }

  return {
    index, follow, today, counts, awaitingCallback, controls, search, searched, results, shown, visible, overdueIds, shortPaths,
    meetings,
    showMore, clearFilters, refreshToday,
  }
})
