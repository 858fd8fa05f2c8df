// The village page's state: the board, this phone's items (its own submissions and the ones it
// follows by code), and the sending of what is not sent yet. Everything a person would miss after a
// reload is kept (`storage.ts`) before it is sent, and sent exactly once: the server takes a
// resend of the same id as the same submission.
import { computed, reactive } from 'vue'
import { newId, newReceiptCode } from '@shared/ids'
import type { VillageAnswer, VillagerSubmission, VoiceUpload } from '@shared/villager/api'
import type { VillagerOutcome } from '@shared/villager/rating'
import type { VillagerLocale } from './i18n'
import { ratingProblems } from '@shared/villager/rating'
import { newReceiptSecret, normaliseReceiptCode } from '@shared/villager/receipt'
import type { VillagerView } from '@shared/villager/status'
import type { SubmissionProblems } from '@shared/villager/submission'
import { draftProblems, submissionProblems } from '@shared/villager/submission'
import { villagerApi } from './api'
import type { ApiResult } from './api'
import type { KeptStore, StorageKind } from './storage'
import { openKeptStore } from './storage'

/** A rating made on this phone and not sent yet (or refused). */
export interface PendingRating {
  stars: number
  outcome: VillagerOutcome
  note: string
  state: 'unsent' | 'refused'
  refusal: string | null
}

/** One item on this phone: submitted here (with its secret) or followed by its code. */
export interface MyItem {
  id: string
  /** The village code of the page it belongs to. */
  village: string
  code: string
  /** Null for an item followed by its code from another phone: it can be read, not rated. */
  secret: string | null
  state: 'unsent' | 'sent' | 'refused'
  content: string
  /** When it was made, by the phone's clock (for display only). */
  createdAt: string
  /** What is sent, kept until the server has it. */
  outgoing: Omit<VillagerSubmission, 'website'> | null
  /** Why the server refused it, as its error code. */
  refusal: string | null
  /** The server counted it as the same text sent within 10 minutes. */
  same: boolean
  view: VillagerView | null
  viewAt: string | null
  rating: PendingRating | null
}

/** Everything kept on the phone. */
interface Kept {
  version: 1
  /** This phone's own random key: "the same phone" for the 10-minute rule. */
  device: string
  items: MyItem[]
  boards: Record<string, VillageAnswer>
  /** The language chosen on this page (Chinese unless English was chosen). */
  locale?: VillagerLocale
}

/** What the form hands over. */
export interface Draft {
  content: string
  category: VillagerSubmission['category']
  name: string
  phone: string
  publicName: boolean
  voice: VoiceUpload | null
}

export type FollowResult = 'added' | 'already' | 'not_found' | 'invalid' | 'offline' | 'limited'

const RETRY_FIRST_MS = 5_000
const RETRY_MAX_MS = 5 * 60_000

/**
 * The page's store for one village (the code in its URL).
 *
 * @example
 * const store = createVillagerStore('ltc01')
 * await store.start()
 * await store.submit({ content: '路灯坏了', category: null, name: '', phone: '', publicName: false, voice: null })
 */
export function createVillagerStore(village: string) {
  const state = reactive({
    /** False until the kept state has been read. */
    ready: false,
    storage: 'indexeddb' as StorageKind,
    online: typeof navigator === 'undefined' ? true : navigator.onLine,
    device: '',
    items: [] as MyItem[],
    board: null as VillageAnswer | null,
    /** `unknown`: the village code matches no village (the server said 404). */
    boardState: 'loading' as 'loading' | 'fresh' | 'kept' | 'failed' | 'unknown',
    refreshing: false,
    refreshedAt: null as string | null,
    /** The last submission made on this page, for its receipt. */
    lastSubmitted: null as string | null,
    locale: 'zh-CN' as VillagerLocale,
  })
  let kept: KeptStore<Kept> | null = null
  let boards: Record<string, VillageAnswer> = {}
  /** Ids the person removed here: a merge with another tab's copy must not bring them back. */
  const removed = new Set<string>()
  let sending: Promise<void> | null = null
  let retryTimer: ReturnType<typeof setTimeout> | null = null
  let retryDelay = RETRY_FIRST_MS

  const items = computed(() => state.items.filter((item) => item.village === village))

  /** Another tab may have kept items since: the kept copy and this one, item by item. */
  function merge(stored: Kept | null): void {
    if (!stored) return
    for (const other of stored.items) {
      if (removed.has(other.id)) continue
      const mine = state.items.find((item) => item.id === other.id)
      if (!mine) state.items.push(other)
      else if (mine.state === 'unsent' && other.state !== 'unsent') Object.assign(mine, { state: other.state, outgoing: other.outgoing, refusal: other.refusal, code: other.code })
    }
    boards = { ...stored.boards, ...boards }
  }

  /** Keep the state on the phone (after reading what another tab kept); false when the phone refused. */
  async function save(): Promise<boolean> {
    if (!kept) return false
    try {
      merge(await kept.read())
      const value: Kept = { version: 1, device: state.device, items: state.items, boards, locale: state.locale }
      // A plain copy: IndexedDB cannot clone Vue's reactive proxies.
      await kept.write(JSON.parse(JSON.stringify(value)) as Kept)
      return true
    } catch {
      return false
    }
  }

  function scheduleRetry(seconds: number | null): void {
    if (retryTimer) clearTimeout(retryTimer)
    const delay = seconds ? seconds * 1000 : retryDelay
    retryDelay = Math.min(retryDelay * 2, RETRY_MAX_MS)
    retryTimer = setTimeout(() => void flush(), delay)
  }

  /** No answer: note whether the phone is offline, and try again later (at once when back online). */
  function later(result: Extract<ApiResult<unknown>, { kind: 'later' }>): void {
    if (result.offline) state.online = navigator.onLine
    if (!result.offline || navigator.onLine) scheduleRetry(result.retryAfter)
  }

  async function sendSubmission(item: MyItem): Promise<'sent' | 'later' | 'refused'> {
    for (let attempt = 0; attempt < 3; attempt++) {
      const outgoing = item.outgoing
      if (!outgoing) return 'sent'
      const result = await villagerApi.submit(item.village, { ...outgoing, website: '' })
      if (result.ok === false && result.kind === 'later') {
        later(result)
        return 'later'
      }
      if (result.ok) {
        const sameAs = result.body.sameAs
        if (sameAs && sameAs !== item.id) {
          const earlier = state.items.find((one) => one.id === sameAs)
          if (earlier) {
            earlier.same = true
            removed.add(item.id)
            state.items.splice(state.items.indexOf(item), 1)
            if (state.lastSubmitted === item.id) state.lastSubmitted = earlier.id
            await save()
            return 'sent'
          }
          item.id = sameAs
        }
        Object.assign(item, { state: 'sent', outgoing: null, refusal: null, same: sameAs !== null })
        await save()
        return 'sent'
      }
      if (result.code === 'receipt_taken' || result.code === 'id_taken') {
        // A clash with another item's code (or id): draw again and resend this one.
        if (result.code === 'receipt_taken') item.code = outgoing.receipt.code = newReceiptCode()
        else item.id = outgoing.id = newId()
        await save()
        continue
      }
      Object.assign(item, { state: 'refused', refusal: result.code })
      await save()
      return 'refused'
    }
    return 'later'
  }

  async function sendRating(item: MyItem): Promise<'sent' | 'later' | 'refused'> {
    const rating = item.rating
    if (!rating || !item.secret) return 'sent'
    const result = await villagerApi.rate(item.village, item.id, { secret: item.secret, stars: rating.stars, outcome: rating.outcome, note: rating.note })
    if (result.ok === false && result.kind === 'later') {
      later(result)
      return 'later'
    }
    if (result.ok) {
      Object.assign(item, { view: result.body.view, viewAt: new Date().toISOString(), rating: null })
    } else {
      Object.assign(rating, { state: 'refused', refusal: result.code })
    }
    await save()
    return result.ok ? 'sent' : 'refused'
  }

  async function sendAll(): Promise<void> {
    for (const item of [...state.items]) {
      if (item.state === 'unsent' && (await sendSubmission(item)) === 'later') return
      if (item.rating?.state === 'unsent' && (await sendRating(item)) === 'later') return
    }
    retryDelay = RETRY_FIRST_MS
    await refresh()
  }

  /**
   * Send every unsent submission and rating, oldest first, one round at a time (and one tab at a
   * time where the browser has Web Locks). Stops at the first "try later" and schedules a retry.
   */
  function flush(): Promise<void> {
    if (sending) return sending
    const run = () => sendAll().catch(() => scheduleRetry(null))
    const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined
    sending = (locks ? locks.request('yehua-villager-send', run) : run()).finally(() => {
      sending = null
    })
    return sending
  }

  /** Ask the server where this phone's items stand (own ones by id and secret, followed ones by code). */
  async function refresh(): Promise<void> {
    if (state.refreshing) return
    state.refreshing = true
    try {
      const own = items.value.filter((item) => item.state === 'sent' && item.secret)
      const at = new Date().toISOString()
      let answered = false
      if (own.length > 0) {
        const result = await villagerApi.mine(village, own.slice(-50).map((item) => ({ id: item.id, secret: item.secret! })))
        if (result.ok) {
          answered = true
          for (const { id, view } of result.body.items) {
            const item = own.find((one) => one.id === id)
            if (item && view) Object.assign(item, { view, viewAt: at })
          }
        }
      }
      for (const item of items.value.filter((one) => one.secret === null).slice(0, 10)) {
        const result = await villagerApi.follow(village, item.code)
        if (!result.ok) break
        answered = true
        Object.assign(item, { view: result.body.view, viewAt: at })
      }
      if (answered) {
        state.refreshedAt = at
        await save()
      }
    } finally {
      state.refreshing = false
    }
  }

  async function loadBoard(): Promise<void> {
    const result = await villagerApi.village(village)
    if (result.ok) {
      state.board = result.body
      state.boardState = 'fresh'
      boards = { ...boards, [village]: result.body }
      await save()
    } else if (!result.ok && result.kind === 'refused' && result.status === 404) {
      state.boardState = 'unknown'
    } else {
      state.boardState = state.board ? 'kept' : 'failed'
    }
  }

  const onOnline = () => {
    state.online = true
    retryDelay = RETRY_FIRST_MS
    void loadBoard()
    void flush()
  }
  const onOffline = () => (state.online = false)
  const onVisible = () => {
    if (document.visibilityState === 'visible') void flush()
  }

  /** Read what the phone kept, then load the board and send what waits. */
  async function start(): Promise<void> {
    kept = await openKeptStore<Kept>()
    state.storage = kept.kind
    const stored = await kept.read().catch(() => null)
    state.device = stored?.device ?? newReceiptSecret()
    state.items = stored?.items ?? []
    boards = stored?.boards ?? {}
    state.board = boards[village] ?? null
    state.locale = stored?.locale ?? 'zh-CN'
    state.ready = true
    if (!stored) await save()
    window.addEventListener('online', onOnline)
    window.addEventListener('offline', onOffline)
    document.addEventListener('visibilitychange', onVisible)
    await loadBoard()
    await flush()
  }

  /**
   * Keep a new submission on the phone and send it. Resolves once it is kept (not sent): the
   * problems of the form when refused, else the item (state `unsent` until the server has it).
   */
  async function submit(draft: Draft): Promise<{ ok: true; item: MyItem } | { ok: false; problems: SubmissionProblems; storage?: true }> {
    const outgoing: MyItem['outgoing'] = {
      id: newId(),
      content: draft.content.trim(),
      category: draft.category,
      name: draft.name.trim(),
      phone: draft.phone.trim(),
      publicName: draft.publicName,
      receipt: { code: newReceiptCode(), secret: newReceiptSecret() },
      device: state.device,
      voice: draft.voice,
    }
    const problems = { ...draftProblems(draft), ...submissionProblems({ ...outgoing, website: '' }) }
    if (Object.keys(problems).length > 0) return { ok: false, problems }
    const item: MyItem = {
      id: outgoing.id, village, code: outgoing.receipt.code, secret: outgoing.receipt.secret, state: 'unsent',
      content: outgoing.content, createdAt: new Date().toISOString(), outgoing, refusal: null, same: false, view: null, viewAt: null, rating: null,
    }
    state.items.push(item)
    if (!(await save()) && state.storage !== 'memory') {
      // The phone would not keep it (storage full): say so rather than pretend it is safe.
      state.items.splice(state.items.indexOf(item), 1)
      return { ok: false, problems: {}, storage: true }
    }
    state.lastSubmitted = item.id
    void flush()
    return { ok: true, item: state.items.find((one) => one.id === item.id) ?? item }
  }

  /** Keep a rating and send it; the problems when it may not be sent. */
  async function rate(item: MyItem, input: { stars: number; outcome: VillagerOutcome | ''; note: string }) {
    const problems = ratingProblems({ ...input, outcome: input.outcome as VillagerOutcome })
    if (Object.keys(problems).length > 0 || input.outcome === '') return { ok: false as const, problems }
    item.rating = { stars: input.stars, outcome: input.outcome, note: input.note.trim(), state: 'unsent', refusal: null }
    await save()
    void flush()
    return { ok: true as const }
  }

  /** Follow an item by the code someone typed; it joins this phone's list, read-only. */
  async function follow(typed: string): Promise<FollowResult> {
    const code = normaliseReceiptCode(typed)
    if (!code) return 'invalid'
    if (items.value.some((item) => item.code === code)) return 'already'
    const result = await villagerApi.follow(village, code)
    if (!result.ok) return result.kind === 'later' ? (result.offline ? 'offline' : 'limited') : 'not_found'
    const { view } = result.body
    if (items.value.some((item) => item.id === view.id)) return 'already'
    state.items.push({
      id: view.id, village, code, secret: null, state: 'sent', content: view.content, createdAt: view.createdAt,
      outgoing: null, refusal: null, same: false, view, viewAt: new Date().toISOString(), rating: null,
    })
    await save()
    return 'added'
  }

  /** Remember the language chosen on this phone. */
  async function setLocale(locale: VillagerLocale): Promise<void> {
    state.locale = locale
    await save()
  }

  /** Take an unsent or refused item off the phone, or stop following one. */
  async function remove(item: MyItem): Promise<void> {
    removed.add(item.id)
    state.items.splice(state.items.indexOf(item), 1)
    await save()
  }

  /** Send a refused item again without its voice note (refused as too large or not audio). */
  async function withoutVoice(item: MyItem): Promise<void> {
    if (!item.outgoing) return
    Object.assign(item, { state: 'unsent', refusal: null, outgoing: { ...item.outgoing, voice: null } })
    await save()
    void flush()
  }

  /** Stop listening and retrying (the page is going away; tests end). */
  function stop(): void {
    window.removeEventListener('online', onOnline)
    window.removeEventListener('offline', onOffline)
    document.removeEventListener('visibilitychange', onVisible)
    if (retryTimer) clearTimeout(retryTimer)
    retryTimer = null
  }

  return { state, items, start, stop, setLocale, submit, flush, refresh, rate, follow, remove, withoutVoice, loadBoard }
}

export type VillagerStore = ReturnType<typeof createVillagerStore>
