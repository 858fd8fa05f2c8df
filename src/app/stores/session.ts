import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import type { EnrolRequest, EnrolResponse } from '@shared/api/identity'
import { postJson } from '@app/api/client'
import { classifyStorageError } from '@app/db/errors'
import { readAtStart, SESSION_KEY } from '@app/db/peek'
import { storageProblem } from '@app/db/status'

/** The database module (and Dexie) loads on first use, so a fresh phone's enrol page need not wait for it. */
const database = () => import('@app/db')

/** What an enrolled device knows about itself. The token is the device's credential. */
export type Session = EnrolResponse

export type EnrolFailure = 'offline' | 'code_unknown' | 'code_used' | 'code_expired' | 'rate_limited' | 'server'

/** A hint in localStorage, readable before IndexedDB opens: this browser has enrolled once. */
const ENROLLED_HINT = 'yehua.enrolled'
const knownFailures = ['code_unknown', 'code_used', 'code_expired', 'rate_limited'] as const

function deviceLabel(): string {
  const ua = typeof navigator === 'undefined' ? '' : navigator.userAgent
  const model = /\(([^)]+)\)/.exec(ua)?.[1]?.split(';').slice(-1)[0]?.trim()
  return (model || 'browser').slice(0, 60)
}

/** The enrolled member on this device, kept in IndexedDB so it works offline. */
export const useSessionStore = defineStore('session', () => {
  /** The session has been read from the local database. */
  const loaded = ref(false)
  const session = shallowRef<Session | null>(null)
  /** A sync round had finished on this device when the app started (its data is there to show). */
  const syncedBefore = ref(false)
  /** This device has enrolled and holds a token. */
  const enrolled = computed(() => session.value !== null)
  const actor = computed(() => session.value?.actor ?? null)
  const villageId = computed(() => session.value?.village?.id ?? null)

  /** Read the session without loading Dexie: a phone that never enrolled may never need it. */
  async function load(): Promise<void> {
    try {
      const { session: stored, lastSyncedAt } = await readAtStart()
      session.value = (stored as Session | undefined) ?? null
      syncedBefore.value = lastSyncedAt !== undefined
    } catch (error) {
      storageProblem.value = classifyStorageError(error)
    } finally {
      loaded.value = true
    }
  }

  /** Trade a one-time enrolment code for a device token and remember who we are. */
  async function enrol(code: string): Promise<{ ok: true } | { ok: false; reason: EnrolFailure }> {
    const request: EnrolRequest = { code, label: deviceLabel() }
    const result = await postJson<Session>('/api/enrol', request)
    if (!result.ok) {
      if (result.code === 'offline') return { ok: false, reason: 'offline' }
      const known = knownFailures.find((c) => c === result.code)
      if (known) return { ok: false, reason: known }
      return { ok: false, reason: result.status === 400 ? 'code_unknown' : 'server' }
    }
    const next = result.data
    const { useDb, requestPersistence } = await database()
    const db = useDb()
    await db.transaction('rw', [db.meta, db.villages, db.townships], async () => {
      await db.meta.put({ key: SESSION_KEY, value: next })
      await db.townships.put(next.township)
      if (next.village) await db.villages.put(next.village)
    })
    session.value = next
    try {
      localStorage.setItem(ENROLLED_HINT, '1')
    } catch {
      // Storage refused (private mode): the hint only speeds up the first screen.
    }
    // Enrolling is a deliberate gesture: the moment browsers are most willing to grant it.
    void requestPersistence()
    return { ok: true }
  }

  /** Whether this browser enrolled before (a hint only: the session itself is in IndexedDB). */
  function enrolledBefore(): boolean {
    try {
      return localStorage.getItem(ENROLLED_HINT) === '1'
    } catch {
      return false
    }
  }

  return { loaded, session, syncedBefore, enrolled, actor, villageId, load, enrol, enrolledBefore }
})
