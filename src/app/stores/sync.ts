import { defineStore, storeToRefs } from 'pinia'
import { computed, ref, shallowRef, watch } from 'vue'
import { LAST_SYNC_KEY, useDb } from '@app/db'
import { useLiveQuery } from '@app/composables/liveQuery'
import type { LocalRejection } from '@app/db'
import type { SyncOutcome, SyncProgress } from '@app/sync/engine'
import { createSyncScheduler, withSyncLock, type SyncScheduler } from '@app/sync/scheduler'
import { httpTransport, type SyncTransport } from '@app/sync/transport'
import { isDeskRole } from '@shared/actor'
import { useSessionStore } from './session'
import { useOutboxStore } from './outbox'
import { refreshFactsSoon } from '@app/components/reports/factsRefresh'

/** What the person sees about syncing, at a glance. */
export type SyncState = 'idle' | 'syncing' | 'offline' | 'retrying' | 'unauthorized' | 'update_required'

/** Sync this soon after a local write, so a burst of writes goes in one round. */
const AFTER_WRITE_MS = 1_500

/** Background sync: when it runs, how it went, and the changes the server refused. */
export const useSyncStore = defineStore('sync', () => {
  const session = useSessionStore()
  const state = ref<SyncState>('idle')
  const lastSyncedAt = ref<string | null>(null)
  const progress = shallowRef<SyncProgress | null>(null)
  const { value: rejections } = useLiveQuery<LocalRejection[]>(
    () => useDb().rejections.orderBy('at').reverse().toArray(),
    [],
  )
  const outbox = useOutboxStore()
  const { pendingCount } = storeToRefs(outbox)
  const needsPerson = computed(() => state.value === 'unauthorized' || state.value === 'update_required')

  /** On a township's desk, derive the statistics' facts again soon (factsRefresh.ts). */
  function refreshDeskFacts(): void {
    const actor = session.actor
    if (actor && isDeskRole(actor.role)) refreshFactsSoon(actor)
  }

  let factsCheckedSinceStart = false
  let scheduler: SyncScheduler | null = null
  let transport: SyncTransport = httpTransport()

  async function round(): Promise<SyncOutcome | 'skipped'> {
    const current = session.session
    if (!current) return 'skipped'
    // The browser knows it has no network: don't wake the radio; the `online` event restarts us.
    if (typeof navigator !== 'undefined' && navigator.onLine === false) {
      state.value = 'offline'
      return { kind: 'offline', status: 0 }
    }
    return withSyncLock(async () => {
      state.value = 'syncing'
      // The engine and the shared mutations load after the first screen, not before it.
      const { syncOnce } = await import('@app/sync/engine')
      const outcome = await syncOnce({
        db: useDb(),
        transport,
        identity: { deviceId: current.deviceId, token: current.token, actor: current.actor },
        onProgress: (p) => (progress.value = p),
      })
      progress.value = null
      if (outcome.kind === 'done') {
        lastSyncedAt.value = new Date().toISOString()
        await useDb().meta.put({ key: LAST_SYNC_KEY, value: lastSyncedAt.value })
        // A desk's statistics read the whole township: derive their facts now, in the background;
        // also after the first round since the app started (a page closed within the delay left them behind).
        if (outcome.pulled > 0 || outcome.pushed > 0 || !factsCheckedSinceStart) refreshDeskFacts()
        factsCheckedSinceStart = true
      }
      return outcome
    })
  }

  function settle(outcome: SyncOutcome | 'skipped') {
    if (outcome === 'skipped') state.value = 'idle'
    else if (outcome.kind === 'done') state.value = 'idle'
    else if (outcome.kind === 'retry') state.value = 'retrying'
    else state.value = outcome.kind
  }

  const onOnline = () => scheduler?.request()
  const onVisible = () => {
    if (document.visibilityState === 'visible') scheduler?.request()
  }

  /**
   * Start syncing in the background (idempotent): a round now, or once `firstRound` resolves
   * (sooner if anything asks for one). `custom` replaces the HTTP transport in tests.
   */
  async function start(custom?: SyncTransport, firstRound?: Promise<void>): Promise<void> {
    if (scheduler) return
    if (custom) transport = custom
    lastSyncedAt.value = ((await useDb().meta.get(LAST_SYNC_KEY))?.value as string | undefined) ?? null
    const started = createSyncScheduler({ run: round, onOutcome: settle })
    scheduler = started
    window.addEventListener('online', onOnline)
    document.addEventListener('visibilitychange', onVisible)
    if (firstRound) void firstRound.then(() => scheduler === started && started.request())
    else started.request()
  }

  function stop(): void {
    scheduler?.stop()
    scheduler = null
    window.removeEventListener('online', onOnline)
    document.removeEventListener('visibilitychange', onVisible)
  }

  /** Sync now (the person tapped "sync"), or soon after a local write. */
  function request(afterWrite = false): void {
    if (needsPerson.value) return
    scheduler?.request(afterWrite ? AFTER_WRITE_MS : 0)
  }

  /** After re-enrolling or updating: try again. */
  function resume(): void {
    state.value = 'idle'
    scheduler?.resume()
  }

  // Any new local write, in this tab or another: send it shortly. (Not the count: one change sent
  // and one written between two reads leave it the same.)
  watch(
    () => outbox.newestMid,
    (newest, before) => {
      if (newest > before) {
        request(true)
        // Offline too: the desk's own action changed records the statistics count.
        refreshDeskFacts()
      }
    },
  )

  async function dismissRejection(key: string): Promise<void> {
    await useDb().rejections.delete(key)
  }

  return {
    state, lastSyncedAt, progress, rejections, pendingCount, needsPerson,
    start, stop, request, resume, dismissRejection,
  }
})
