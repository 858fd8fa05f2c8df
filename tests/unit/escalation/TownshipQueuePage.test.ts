import 'fake-indexeddb/auto'
import { describe, expect, it, vi } from 'vitest'
import TownshipQueuePage from '@app/pages/TownshipQueuePage.vue'
import zh from '@app/locales/zh-CN'
import { useDb } from '@app/db'
import { LAST_SYNC_KEY } from '@app/db'
import { forgetKept } from '@app/db/kept'
import { readAtStart } from '@app/db/peek'
import { RECORDS_STAMP_KEY } from '@app/db/stamp'
import { DESK_FIRST_SCREEN_KEY } from '@app/stores/desk'
import type { VueWrapper } from '@vue/test-utils'
import { aSuggestion, aVillage, anEscalation, ids, testId } from '../builders'
import { mountWithApp } from '../helpers/mount'
import { setUpPageTests } from '../helpers/page'
import { seed, sessionAs } from './fixtures'

const page = setUpPageTests({ now: '2026-10-13T04:00:00.000Z' })
/** happy-dom's own handle on the window: its viewport decides what `matchMedia` answers. */
const viewport = (width: number) => (window as unknown as { happyDOM: { setViewport(v: { width: number; height: number }): void } }).happyDOM.setViewport({ width, height: 800 })

async function openQueue(route = '/township') {
  const mounted = await mountWithApp(TownshipQueuePage, { route, session: sessionAs('township') })
  page.keep(mounted.wrapper)
  return mounted
}

describe('TownshipQueuePage', () => {
  it('lists the township\'s escalations nearest deadline first, with the village, and marks what is overdue', async () => {
    const otherVillage = aVillage({ id: ids.otherVillage, name: '孙庄村', code: 'szc001' })
    await useDb().villages.put(otherVillage)
    await seed({
      escalations: [
        anEscalation({ title: '东街排水沟疏通', status: 'assigned', dueOn: '2026-10-09', department: '镇水利站', assignee: '李站长' }),
        anEscalation({ title: '孙庄至镇区道路修补', villageId: otherVillage.id, createdAt: '2026-10-12T02:00:00.000Z', submittedAt: '2026-10-12T02:00:00.000Z' }),
        anEscalation({ title: '别的镇的事', townshipId: ids.otherTownship, villageId: testId(99) }),
      ],
    })
    const { wrapper } = await openQueue()
    await vi.waitFor(() => expect(wrapper.findAll('tbody tr')).toHaveLength(2))

    const cards = wrapper.findAll('tbody tr').map((a) => a.text())
    expect(wrapper.findAll('th').map((th) => th.text().replace(/[↑↓↕]/, '').trim())).toEqual(Object.values(zh.desk.columns))
    expect(cards[0]).toContain('东街排水沟疏通')
    expect(cards[0]).toContain('刘土城村')
    expect(cards[0]).toContain('镇水利站 / 李站长')
    expect(cards[0]).toContain('超期 3 个工作日')
    // Sent on Monday the 12th: acceptance is due a working day later, the 13th (today).
    expect(cards[1]).toContain('孙庄至镇区道路修补')
    expect(cards[1]).toContain('2026-10-13')
    expect(cards[1]).toContain('今天到期')
    expect(wrapper.text()).not.toContain('别的镇的事')
    expect(wrapper.get('[data-testid="digest-overdue"]').text()).toBe('已超期 1 件')
    expect(wrapper.get('[data-testid="queue-ready"]').attributes('data-count')).toBe('2')
  })

  it("shows a villager's own rating of the result as the village's answer", async () => {
    const suggestion = aSuggestion({
      id: testId(61), status: 'closed', rating: { stars: 5, outcome: 'resolved', ratedAt: '2026-10-12T08:00:00.000Z', by: 'villager' },
    })
    await seed({
      suggestions: [suggestion],
      escalations: [
        anEscalation({ title: '路灯维修', status: 'resolved', resolvedAt: '2026-09-01T02:00:00.000Z', suggestionIds: [suggestion.id] }),
        anEscalation({ title: '没人评价的事', status: 'resolved', resolvedAt: '2026-09-01T02:00:00.000Z' }),
      ],
    })
    const { wrapper } = await openQueue()
    await vi.waitFor(() => expect(wrapper.findAll('tbody tr')).toHaveLength(2))
    const row = (title: string) => wrapper.findAll('tbody tr').find((tr) => tr.text().includes(title))!
    expect(row('路灯维修').text()).toContain('5 星 · 解决了')
    expect(row('路灯维修').text()).not.toContain(zh.desk.closable)
    // Unanswered for longer than the policy's days: 销号 without an answer is offered.
    expect(row('没人评价的事').text()).toContain(zh.desk.closable)
  })

  it('keeps the filters in the URL and counts each status group under them', async () => {
    const otherVillage = aVillage({ id: ids.otherVillage, name: '孙庄村', code: 'szc001' })
    await useDb().villages.put(otherVillage)
    await seed({
      escalations: [
        anEscalation({ title: '东街排水沟疏通', status: 'assigned', dueOn: '2026-10-09' }),
        anEscalation({ title: '村西桥面', status: 'assigned', dueOn: '2026-10-20' }),
        anEscalation({ title: '孙庄至镇区道路修补', villageId: otherVillage.id, status: 'assigned', dueOn: '2026-10-09' }),
      ],
    })
    const { wrapper, router } = await openQueue()
    await vi.waitFor(() => expect(wrapper.findAll('tbody tr')).toHaveLength(3))

    await wrapper.get('select[name="village"]').setValue(ids.village)
    await vi.waitFor(() => expect(router.currentRoute.value.query).toEqual({ village: ids.village }))
    await wrapper.get('[data-testid="digest-overdue"]').trigger('click')
    await vi.waitFor(() => expect(router.currentRoute.value.query).toEqual({ village: ids.village, due: 'overdue' }))
    await vi.waitFor(() => expect(wrapper.findAll('tbody tr')).toHaveLength(1))
    expect(wrapper.get('tbody tr').text()).toContain('东街排水沟疏通')
    expect(wrapper.get('[data-testid="queue-ready"]').attributes('data-query')).toBe(`village=${ids.village}&due=overdue`)
    expect(wrapper.get('[data-group="working"]').text()).toBe('办理中 1')

    // Opened from the address: the same filters.
    page.keep(wrapper).unmount()
    const again = await openQueue(`/township?village=${ids.village}&due=overdue`)
    await vi.waitFor(() => expect(again.wrapper.findAll('tbody tr')).toHaveLength(1))
    expect((again.wrapper.get('select[name="village"]').element as HTMLSelectElement).value).toBe(ids.village)
  })

  it('finds by search text', async () => {
    await seed({ escalations: [anEscalation({ title: '东街排水沟疏通' }), anEscalation({ title: '村西桥面破损' })] })
    const { wrapper, router } = await openQueue('/township?q=桥面')
    await vi.waitFor(() => expect(wrapper.findAll('tbody tr')).toHaveLength(1))
    expect(wrapper.get('tbody tr').text()).toContain('村西桥面破损')
    expect(router.currentRoute.value.query).toEqual({ q: '桥面' })
  })

  it('shows one page of 50 rows at a time', async () => {
    await seed({ escalations: Array.from({ length: 120 }, (_, i) => anEscalation({ title: `事项 ${i}`, status: 'assigned', dueOn: '2026-10-20' })) })
    const { wrapper, router } = await openQueue()
    await vi.waitFor(() => expect(wrapper.findAll('tbody tr')).toHaveLength(50))
    expect(wrapper.text()).toContain('第 1 / 3 页，共 120 件')
    await wrapper.findAll('.desk-pager button')[1]!.trigger('click')
    await vi.waitFor(() => expect(router.currentRoute.value.query).toEqual({ page: '2' }))
    await vi.waitFor(() => expect(wrapper.text()).toContain('第 2 / 3 页，共 120 件'))
  })

  it('renders the rows a screen holds first, and the rest of the page once that is painted', async () => {
    await seed({ escalations: Array.from({ length: 60 }, (_, i) => anEscalation({ title: `事项 ${i}`, status: 'assigned', dueOn: '2026-10-20' })) })
    const frames: FrameRequestCallback[] = []
    const frame = vi.spyOn(window, 'requestAnimationFrame').mockImplementation((callback) => frames.push(callback))
    try {
      const { wrapper } = await openQueue()
      await vi.waitFor(() => expect(wrapper.findAll('tbody tr')).toHaveLength(12))
      await new Promise((resolve) => setTimeout(resolve, 50))
      expect(wrapper.findAll('tbody tr')).toHaveLength(12)
      expect(wrapper.text()).toContain('第 1 / 2 页，共 60 件')
      // The frame with those rows is painted: the page's other rows follow.
      for (const callback of frames.splice(0)) callback(performance.now())
      await vi.waitFor(() => expect(wrapper.findAll('tbody tr')).toHaveLength(50))
    } finally {
      frame.mockRestore()
    }
  })

  it('is a list on a phone', async () => {
    viewport(390)
    try {
      await seed({ escalations: [anEscalation({ title: '东街排水沟疏通', status: 'assigned', dueOn: '2026-10-09' })] })
      const { wrapper } = await openQueue()
      await vi.waitFor(() => expect(wrapper.findAll('a.desk-list__card')).toHaveLength(1))
      expect(wrapper.find('table').exists()).toBe(false)
      expect(wrapper.get('a.desk-list__card').text()).toContain('2026-10-09 · 超期 3 个工作日')
    } finally {
      viewport(1024)
    }
  })

  it('waits for the first download on a fresh desk instead of saying there is nothing', async () => {
    const { wrapper } = await openQueue()
    await vi.waitFor(() => expect(wrapper.text()).toContain(zh.desk.loading))
    expect(wrapper.text()).not.toContain(zh.desk.empty)
  })

  it('reads the last synced rows offline and says when they were synced', async () => {
    const online = Object.getOwnPropertyDescriptor(Navigator.prototype, 'onLine')
    Object.defineProperty(navigator, 'onLine', { value: false, configurable: true })
    try {
      await useDb().meta.put({ key: LAST_SYNC_KEY, value: '2026-10-13T01:00:00.000Z' })
      await seed({ escalations: [anEscalation({ title: '东街排水沟疏通', status: 'assigned', dueOn: '2026-10-20' })] })
      const { wrapper } = await openQueue()
      await vi.waitFor(() => expect(wrapper.findAll('tbody tr')).toHaveLength(1))
      await vi.waitFor(() => expect(wrapper.get('.desk-page__synced').text()).toContain('现在没有网络：只能查看'))
    } finally {
      delete (navigator as unknown as Record<string, unknown>).onLine
      if (online && !Object.getOwnPropertyDescriptor(Navigator.prototype, 'onLine')) Object.defineProperty(Navigator.prototype, 'onLine', online)
    }
  })

  describe('the first screen kept for the next start', () => {
    /** The first screen the desk kept, once it has kept one at the current stamp. */
    async function keptFirstScreen() {
      let kept: { value: { stamp: string; value: { view: { rows: { title: string }[] } } } } | undefined
      await vi.waitFor(async () => {
        kept = (await useDb().meta.get(DESK_FIRST_SCREEN_KEY)) as typeof kept
        expect(kept?.value.stamp).toBe((await useDb().meta.get(RECORDS_STAMP_KEY))?.value)
      })
      return kept!
    }
    /** Opens the queue once, so that it keeps its first screen, and marks that screen's first row. */
    async function openedBefore() {
      await useDb().meta.put({ key: LAST_SYNC_KEY, value: '2026-10-13T03:00:00.000Z' })
      await seed({ escalations: [anEscalation({ title: '东街排水沟疏通', status: 'assigned', dueOn: '2026-10-09' })] })
      const { wrapper } = await openQueue()
      await vi.waitFor(() => expect(wrapper.findAll('tbody tr')).toHaveLength(1))
      const kept = await keptFirstScreen()
      wrapper.unmount()
      forgetKept()
      // Told apart from the rows themselves: the page shows this until it has read them.
      kept.value.value.view.rows[0]!.title = '留存的第一屏'
      await useDb().meta.put({ key: DESK_FIRST_SCREEN_KEY, value: kept.value })
    }
    /** Every title the page's table showed while `until` did not hold. */
    async function titlesShown(wrapper: VueWrapper, until: () => void) {
      const seen = new Set<string>()
      await vi.waitFor(() => {
        for (const a of wrapper.findAll('tbody tr a')) seen.add(a.text())
        until()
      }, { interval: 1 })
      return seen
    }

    it('shows the queue kept at the last start at once, then the rows read', async () => {
      await openedBefore()
      const { wrapper } = await openQueue()
      const seen = await titlesShown(wrapper, () => expect(wrapper.find('tbody tr a').text()).toBe('东街排水沟疏通'))
      expect(seen).toContain('留存的第一屏')
      expect(wrapper.get('[data-testid="digest-overdue"]').text()).toBe('已超期 1 件')
    })

    it("is the page's first render, with when the rows were synced, when the app's first read brought it", async () => {
      await openedBefore()
      await readAtStart()
      const { wrapper } = await openQueue()
      // Not a moment of "loading": neither the first screen nor the last sync's time waits for Dexie.
      expect(wrapper.find('tbody tr a').text()).toBe('留存的第一屏')
      expect(wrapper.get('.desk-page__synced').text()).toMatch(/^显示的是 .+ 同步的数据$/)
      await vi.waitFor(() => expect(wrapper.find('tbody tr a').text()).toBe('东街排水沟疏通'))
    })

    it('is not used once a record changed', async () => {
      await openedBefore()
      await seed({ escalations: [anEscalation({ title: '村西桥面', status: 'assigned', dueOn: '2026-10-20' })] })
      const { wrapper } = await openQueue()
      expect(await titlesShown(wrapper, () => expect(wrapper.findAll('tbody tr')).toHaveLength(2))).not.toContain('留存的第一屏')
    })

    it('is not used under a filter', async () => {
      await openedBefore()
      const { wrapper } = await openQueue(`/township?village=${ids.village}`)
      expect(await titlesShown(wrapper, () => expect(wrapper.find('tbody tr a').text()).toBe('东街排水沟疏通'))).not.toContain('留存的第一屏')
    })
  })

  it('says so when the township has nothing escalated after a sync', async () => {
    await useDb().meta.put({ key: LAST_SYNC_KEY, value: '2026-10-13T03:00:00.000Z' })
    const { wrapper } = await openQueue()
    await vi.waitFor(() => expect(wrapper.text()).toContain(zh.desk.empty))
  })
})
