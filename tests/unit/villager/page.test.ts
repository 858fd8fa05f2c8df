import 'fake-indexeddb/auto'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { defineComponent, h } from 'vue'
import { dueStatus, defaultCalendar } from '@shared/calendar'
import type { VillagerStep, VillagerView } from '@shared/villager/status'
import { dueWords } from '@app/components/app/dueWords'
import ReadAloud from '../../../src/villager/components/ReadAloud.vue'
import VoiceNote from '../../../src/villager/components/VoiceNote.vue'
import { provideVillager } from '../../../src/villager/context'
import { dueKey, stepWords } from '../../../src/villager/format'
import { createVillagerI18n } from '../../../src/villager/i18n'
import en from '../../../src/villager/locales/en'
import zh from '../../../src/villager/locales/zh-CN'
import { useSpeech } from '../../../src/villager/speech'
import { openKeptStore } from '../../../src/villager/storage'
import { createVillagerStore } from '../../../src/villager/store'

const i18n = createVillagerI18n()
// vue-i18n's typed `t` (from the cadres' message schema) is too deep for a plain key here.
const translate = (i18n as unknown as { global: { t: (key: string, values: Record<string, unknown>) => string } }).global.t
const t = (key: string, values?: Record<string, unknown>) => translate(key, values ?? {})
const at = '2026-12-05T11:30:00.000Z'

describe('the status words of every step (zh-CN)', () => {
  it.each([
    [{ kind: 'received', at }, '已收到'],
    [{ kind: 'on_agenda', at, meeting: { title: '第十三期', startsAt: at } }, '已列入议题（12月5日夜话）'],
    [{ kind: 'on_agenda', at: null, meeting: { title: '第十三期', startsAt: null } }, '已列入议题（夜话时间待定）'],
    [{ kind: 'deferred', at }, '这次没议完，改到以后再议'],
    [{ kind: 'decided', at, text: '焊好栏杆', owner: '刘主任', dueOn: '2026-12-09', state: 'open' }, '当场拍板：焊好栏杆，专人 刘主任，12月9日前办'],
    [{ kind: 'decided', at, text: '焊好栏杆', owner: '刘主任', dueOn: '2026-12-09', state: 'cancelled' }, '当场拍板的事取消了：焊好栏杆'],
    [{ kind: 'escalated', at, dueOn: null, state: 'working' }, '已上报镇里'],
    [{ kind: 'escalated', at, dueOn: '2026-12-20', state: 'working' }, '已上报镇里，镇里12月20日前办'],
    [{ kind: 'escalated', at, dueOn: null, state: 'returned' }, '镇里退回村里办理'],
    [{ kind: 'resolved', at, text: '栏杆焊好了' }, '已办结：栏杆焊好了'],
    [{ kind: 'answered', at, text: '周三有医生坐诊' }, '已答复：周三有医生坐诊'],
    [{ kind: 'declined', at, text: '河道禁止养殖' }, '未采纳：河道禁止养殖'],
    [{ kind: 'merged', at }, '已合并（和别人提的同一件事一起办）'],
    [{ kind: 'rated', at, rating: { stars: 3, outcome: 'partly', by: 'villager' } }, '您的评价：3 星，部分解决'],
    [{ kind: 'rated', at, rating: { stars: 5, outcome: 'resolved', by: 'member' } }, '回访评价：5 星，解决了'],
    [{ kind: 'reopened', at }, '重新办理，下次夜话向大家报告'],
    [{ kind: 'closed', at }, '已销号，这件事办完了'],
  ] satisfies [VillagerStep, string][])('%j reads "%s"', (step, words) => {
    expect(stepWords(step, t)).toBe(words)
  })

  it('has English words for every Chinese message', () => {
    const keys = (messages: object, prefix = ''): string[] =>
      Object.entries(messages).flatMap(([key, value]) => (typeof value === 'string' ? [`${prefix}${key}`] : keys(value as object, `${prefix}${key}.`)))
    expect(keys(en).sort()).toEqual(keys(zh).sort())
  })
})

describe('dueKey', () => {
  it.each(['2026-09-30', '2026-10-08', '2026-10-09', '2026-10-10', '2026-10-12', '2026-10-20'])(
    'reads a deadline of %s on 9 October 2026 as the cadres app does',
    (dueOn) => {
      const due = dueStatus(defaultCalendar, dueOn, '2026-10-09')
      const ours = dueKey(due)
      const theirs = dueWords(due)
      expect([ours.key, ours.n, ours.tone]).toEqual([`due.${theirs.kind}`, theirs.n, theirs.tone])
    },
  )
})

describe('openKeptStore', () => {
  afterEach(() => vi.unstubAllGlobals())

  it('keeps the state in IndexedDB where there is one', async () => {
    const kept = await openKeptStore<{ n: number }>()
    expect(kept.kind).toBe('indexeddb')
    await kept.write({ n: 1 })
    expect(await (await openKeptStore<{ n: number }>()).read()).toEqual({ n: 1 })
  })

  it('falls back to localStorage without IndexedDB', async () => {
    vi.stubGlobal('indexedDB', undefined)
    const kept = await openKeptStore<{ n: number }>()
    expect(kept.kind).toBe('localstorage')
    await kept.write({ n: 2 })
    expect(JSON.parse(localStorage.getItem('yehua.villager')!)).toEqual({ n: 2 })
  })

  it('keeps it only in memory when the phone refuses both (the page then says so)', async () => {
    vi.stubGlobal('indexedDB', undefined)
    vi.stubGlobal('localStorage', { setItem: () => { throw new Error('SecurityError') }, getItem: () => null, removeItem: () => undefined })
    expect((await openKeptStore()).kind).toBe('memory')
  })
})

/** A fake network: answers each call with the next of `answers` (status and body), records what was sent. */
function network(answers: { status: number; body: unknown; headers?: Record<string, string> }[] | 'offline') {
  const sent: { url: string; body: unknown }[] = []
  const fetch = vi.fn(async (url: string, init?: RequestInit) => {
    sent.push({ url, body: init?.body ? JSON.parse(String(init.body)) : null })
    if (answers === 'offline') throw new TypeError('Failed to fetch')
    const answer = answers.shift() ?? { status: 503, body: {} }
    return new Response(JSON.stringify(answer.body), { status: answer.status, headers: { 'content-type': 'application/json', ...answer.headers } })
  })
  vi.stubGlobal('fetch', fetch)
  return sent
}

const view = (overrides: Partial<VillagerView> = {}): VillagerView => ({
  id: 'x', content: '路灯坏了', category: 'other', status: 'new', createdAt: at, steps: [{ kind: 'received', at }],
  current: { kind: 'received', at }, canRate: false, attachments: 0, ...overrides,
})
const draft = { content: '村口路灯坏了三天了', category: null, name: '', phone: '', publicName: false, voice: null }

describe('createVillagerStore', () => {
  beforeEach(async () => {
    // A phone that never opened the page (the database stays open between tests: empty it instead).
    localStorage.clear()
    await (await openKeptStore<null>()).write(null)
  })
  const stores: ReturnType<typeof createVillagerStore>[] = []
  afterEach(() => {
    stores.splice(0).forEach((store) => store.stop())
    vi.unstubAllGlobals()
  })

  async function started(answers: Parameters<typeof network>[0]) {
    const sent = network(answers)
    const store = createVillagerStore('ltc01')
    stores.push(store)
    await store.start()
    return { store, sent }
  }

  it('keeps a submission made without signal as unsent, across a reload, and sends it once when the signal returns', async () => {
    const { store } = await started('offline')
    const result = await store.submit(draft)
    expect(result.ok).toBe(true)
    await flushPromises()
    expect(store.items.value.map((item) => item.state)).toEqual(['unsent'])

    // The page is opened again (a reload) and the signal is back.
    const sent = network([
      { status: 200, body: { village: { name: '刘土城村', code: 'ltc01' }, board: null, at } },
      { status: 201, body: { id: store.items.value[0]!.id, receivedAt: at, sameAs: null } },
      { status: 200, body: { items: [{ id: store.items.value[0]!.id, view: view() }] } },
    ])
    const again = createVillagerStore('ltc01')
    stores.push(again)
    await again.start()
    expect(again.items.value.map((item) => [item.state, item.content, item.outgoing])).toEqual([['sent', draft.content, null]])
    const submits = sent.filter((call) => call.url.endsWith('/suggestions'))
    expect(submits).toHaveLength(1)
    expect(submits[0]!.body).toMatchObject({ content: draft.content, website: '', receipt: { code: again.items.value[0]!.code } })
  })

  it('draws another code when the server says the receipt code is taken, and sends the same id again', async () => {
    const { store, sent } = await started([{ status: 200, body: { village: { name: '刘土城村', code: 'ltc01' }, board: null, at } }])
    network([
      { status: 409, body: { error: { code: 'receipt_taken', message: '' } } },
      { status: 201, body: { id: 'later', receivedAt: at, sameAs: null } },
    ])
    void sent
    const result = await store.submit(draft)
    if (!result.ok) throw new Error('not kept')
    await vi.waitFor(() => expect(store.items.value[0]?.state).toBe('sent'))
    const calls = (fetch as unknown as { mock: { calls: [string, RequestInit][] } }).mock.calls.filter(([url]) => url.endsWith('/suggestions'))
    const [first, second] = calls.map(([, init]) => JSON.parse(String(init.body)) as { id: string; receipt: { code: string } })
    expect(second!.id).toBe(first!.id)
    expect(second!.receipt.code).not.toBe(first!.receipt.code)
    expect(store.items.value[0]!.code).toBe(second!.receipt.code)
  })

  it('shows a refusal in words and keeps the item, never dropping it', async () => {
    const { store } = await started([
      { status: 200, body: { village: { name: '刘土城村', code: 'ltc01' }, board: null, at } },
      { status: 413, body: { error: { code: 'voice_too_large', message: '', field: 'voice' } } },
    ])
    await store.submit(draft)
    await vi.waitFor(() => expect(store.items.value[0]?.state).toBe('refused'))
    expect(store.items.value[0]).toMatchObject({ refusal: 'voice_too_large', content: draft.content })
  })

  it('refuses a form that breaks the shared rules, keeping nothing', async () => {
    const { store } = await started('offline')
    expect(await store.submit({ ...draft, content: '路', phone: '123' })).toEqual({
      ok: false, problems: { content: 'content_too_short', phone: 'phone_invalid' },
    })
    expect(store.items.value).toEqual([])
  })

  it('follows an item by the code typed on another phone, read-only', async () => {
    const { store } = await started([
      { status: 200, body: { village: { name: '刘土城村', code: 'ltc01' }, board: null, at } },
      { status: 200, body: { view: view({ id: 'followed', content: '邻居提的路灯' }) } },
    ])
    expect(await store.follow('abcd 2345')).toBe('added')
    expect(store.items.value.map((item) => [item.id, item.code, item.secret])).toEqual([['followed', 'ABCD2345', null]])
    expect(await store.follow('ABCD2345')).toBe('already')
    expect(await store.follow('ABCD0OOO')).toBe('invalid')
  })
})

describe('朗读', () => {
  afterEach(() => vi.unstubAllGlobals())

  function withVoices(voices: { lang: string }[]) {
    const spoken: string[] = []
    vi.stubGlobal('speechSynthesis', {
      getVoices: () => voices,
      speak: (utterance: { text: string }) => spoken.push(utterance.text),
      cancel: () => undefined,
      addEventListener: () => undefined,
      removeEventListener: () => undefined,
    })
    vi.stubGlobal('SpeechSynthesisUtterance', class { lang = ''; voice: unknown = null; rate = 1; onend = null; onerror = null; constructor(public text: string) {} })
    return spoken
  }

  function mountRead() {
    const Host = defineComponent({
      setup() {
        const speech = useSpeech(i18n.global.locale)
        provideVillager({ store: {} as never, speech })
        return () => h(ReadAloud, { id: 'status-1', text: '现在：已收到' })
      },
    })
    return mount(Host, { global: { plugins: [i18n] } })
  }

  it('is not offered on a phone without a Mandarin voice', () => {
    withVoices([{ lang: 'en-US' }])
    expect(mountRead().find('button').exists()).toBe(false)
  })

  it('reads the status aloud with a Mandarin voice', async () => {
    const spoken = withVoices([{ lang: 'en-US' }, { lang: 'zh-CN' }])
    const wrapper = mountRead()
    await wrapper.get('button').trigger('click')
    expect(spoken).toEqual(['现在：已收到'])
    expect(wrapper.get('button').attributes('aria-pressed')).toBe('true')
  })
})

describe('the voice note', () => {
  afterEach(() => vi.unstubAllGlobals())

  it('says in words that this browser cannot record', () => {
    vi.stubGlobal('MediaRecorder', undefined)
    const wrapper = mount(VoiceNote, { global: { plugins: [i18n] } })
    expect(wrapper.text()).toContain(zh.voice.unsupported)
    expect(wrapper.find('button').exists()).toBe(false)
  })

  it('says in words that the microphone was refused', async () => {
    vi.stubGlobal('MediaRecorder', class {})
    vi.stubGlobal('navigator', { ...navigator, mediaDevices: { getUserMedia: () => Promise.reject(Object.assign(new Error('no'), { name: 'NotAllowedError' })) } })
    const wrapper = mount(VoiceNote, { global: { plugins: [i18n] } })
    await wrapper.get('button').trigger('click')
    await flushPromises()
    expect(wrapper.get('[role="alert"]').text()).toBe(zh.voice.denied)
  })
})
