import { beforeEach, describe, expect, it, vi } from 'vitest'
import { defaultCalendar } from '@shared/calendar'
import type { StatsFacts } from '@shared/desk/stats'
import { allTime, customPeriod, periodOf, statsOf, townshipStats } from '@shared/desk/stats'
import StatsPage from '@app/pages/StatsPage.vue'
import zh from '@app/locales/zh-CN'
import { useDb } from '@app/db'
import { RECORDS_STAMP_KEY } from '@app/db/stamp'
import { forgetKept } from '@app/db/kept'
import { loadReportRows } from '@app/components/reports/reportRows'
import { STATS_FACTS_KEY, loadStatsSource, refreshStatsFacts } from '@app/components/reports/statsSource'
import { cadreActor, townshipActor } from '../builders'
import { resetDb, sessionAs } from '../escalation/fixtures'
import { mountWithApp } from '../helpers/mount'
import { setUpPageTests } from '../helpers/page'
import { townshipRows, villageA, villageB } from './fixture'

// happy-dom has no canvas: the charts are drawn by ECharts in the browser tests (township-reports).
vi.mock('@app/components/reports/charts', () => ({
  drawChart: () => ({ dispose() {}, resize() {} }),
  trendOption: () => ({}),
  funnelOption: () => ({}),
  comparisonOption: () => ({}),
}))

/** A worker that takes the work and does not answer: what it was asked. */
function stubPendingWorker(): unknown[] {
  const asked: unknown[] = []
  vi.stubGlobal('Worker', class {
    postMessage(message: unknown) {
      asked.push(message)
    }
    addEventListener() {}
    terminate() {}
  })
  return asked
}

async function seedTownship(): Promise<void> {
  const db = useDb()
  const rows = townshipRows()
  await Promise.all([
    db.suggestions.bulkPut(rows.suggestions), db.meetings.bulkPut(rows.meetings), db.topics.bulkPut(rows.topics),
    db.decisions.bulkPut(rows.decisions), db.escalations.bulkPut(rows.escalations), db.remarks.bulkPut(rows.remarks),
    db.villages.bulkPut(rows.villages),
  ])
}

describe('loadReportRows', () => {
  beforeEach(async () => {
    await resetDb()
    await seedTownship()
  })

  it("reads the township's villages, by name, every row and the records' stamp", async () => {
    const whole = await loadReportRows(townshipActor())
    expect(whole.index.suggestions).toHaveLength(12)
    expect(whole.villageIds).toEqual([villageB.id, villageA.id].sort((a, b) =>
      whole.villageNames.get(a)!.localeCompare(whole.villageNames.get(b)!, 'zh-CN')))
    expect(whole.stamp).toEqual(expect.any(String))
  })

  it("reads a cadre's own village only", async () => {
    const rows = await loadReportRows(cadreActor({ villageId: villageB.id }))
    expect(rows.villageIds).toEqual([villageB.id])
    expect(new Set(rows.index.suggestions.map((s) => s.villageId))).toEqual(new Set([villageB.id]))
    expect(rows.index.lastProgressByDecision.size).toBe(1)
  })
})

describe("the records' stamp", () => {
  beforeEach(resetDb)
  const stamp = async () => (await useDb().meta.get(RECORDS_STAMP_KEY))?.value

  it('moves with every write to a record table, in the same transaction, and not with writes to the outbox or meta', async () => {
    const db = useDb()
    const before = await stamp()
    await db.villages.put(villageA)
    const afterVillage = await stamp()
    expect(afterVillage).toEqual(expect.any(String))
    expect(afterVillage).not.toBe(before)
    // a transaction that names only record tables writes the stamp too (meta is added to its scope)
    await db.transaction('rw', [db.suggestions], () => db.suggestions.put(townshipRows().suggestions[0]!))
    const afterSuggestion = await stamp()
    expect(afterSuggestion).not.toBe(afterVillage)
    await db.suggestions.delete(townshipRows().suggestions[0]!.id)
    expect(await stamp()).not.toBe(afterSuggestion)

    const settled = await stamp()
    await db.meta.put({ key: 'something', value: 1 })
    await db.outbox.add({ mid: 1, name: 'x', args: {}, clientTime: '2026-09-20T04:00:00.000Z' })
    expect(await stamp()).toBe(settled)
  })

  it('does not move when the write is rolled back', async () => {
    const db = useDb()
    await db.villages.put(villageA)
    const before = await stamp()
    await expect(db.transaction('rw', [db.villages], async () => {
      await db.villages.put(villageB)
      throw new Error('changed my mind')
    })).rejects.toThrow('changed my mind')
    expect(await stamp()).toBe(before)
    expect(await db.villages.get(villageB.id)).toBeUndefined()
  })
})

describe('loadStatsSource', () => {
  beforeEach(async () => {
    await resetDb()
    await seedTownship()
  })
  const kept = async () => (await useDb().meta.get(STATS_FACTS_KEY))?.value as { stamp: string; value: StatsFacts } | undefined

  it('derives the facts once, keeps them with the stamp, and gives the figures townshipStats gives on the rows', async () => {
    const first = await loadStatsSource(townshipActor())
    await vi.waitFor(async () => expect((await kept())?.stamp).toBe((await useDb().meta.get(RECORDS_STAMP_KEY))?.value))
    const rows = await loadReportRows(townshipActor())
    for (const period of [allTime, periodOf('month', '2026-09-15'), customPeriod('2026-08-01', '2026-09-10')]) {
      const expected = townshipStats(rows.index, period, { calendar: defaultCalendar, villageIds: rows.villageIds })
      expect(statsOf(first.facts, period, first.villageIds)).toEqual(expected)
    }
    expect(first.villageIds).toEqual(rows.villageIds)

    // Read again: the kept facts (read back from IndexedDB, typed arrays and all) give the same figures.
    // Read again: this page knows them already; another page (or after a reload) reads them back
    // from IndexedDB, typed arrays and all, with the same figures.
    expect((await loadStatsSource(townshipActor())).facts).toBe(first.facts)
    forgetKept()
    const again = await loadStatsSource(townshipActor())
    expect(again.facts).not.toBe(first.facts)
    expect(again.facts).toEqual(first.facts)
    expect(again.facts.suggestions).toBeInstanceOf(Int32Array)
    // They are what the page reads while current: kept facts marked by hand come back as they are.
    const marked = { ...(await kept())!, value: { ...first.facts, listed: 99 } }
    await useDb().meta.put({ key: STATS_FACTS_KEY, value: marked })
    forgetKept()
    expect((await loadStatsSource(townshipActor())).facts.listed).toBe(99)
  })

  it('derives them again after any record is written: a new suggestion counts at once', async () => {
    await loadStatsSource(townshipActor())
    await vi.waitFor(async () => expect(await kept()).toBeDefined())
    const before = statsOf((await loadStatsSource(townshipActor())).facts, allTime).total.collected
    const extra = { ...townshipRows().suggestions[0]!, id: '019a0000-0000-7000-8000-00000000beef', receiptCode: 'Z9' }
    await useDb().suggestions.put(extra)
    const after = await loadStatsSource(townshipActor())
    expect(statsOf(after.facts, allTime).total.collected).toBe(before + 1)
  })

  it("does not take another person's kept facts: a cadre's phone keeps its village's", async () => {
    await loadStatsSource(cadreActor({ villageId: villageB.id }))
    await vi.waitFor(async () => expect(await kept()).toBeDefined())
    const township = await loadStatsSource(townshipActor())
    expect(statsOf(township.facts, allTime).total.collected).toBe(12)
  })
})

describe('StatsPage', () => {
  const page = setUpPageTests({ now: '2026-09-20T04:00:00.000Z', reset: async () => { await resetDb(); await seedTownship() } })

  it("shows the township's figures for the month, a village table sortable by any column, and other periods from the address", async () => {
    const { wrapper, router } = await mountWithApp(StatsPage, { route: '/stats', session: sessionAs('township') })
    page.keep(wrapper)
    await vi.waitFor(() => expect(wrapper.find('[data-testid="stats-ready"]').exists()).toBe(true))
    const figure = (key: string) => wrapper.get(`.stats-page__figure[data-figure="${key}"] dd`).text()
    expect(figure('collected')).toBe('11')
    expect(figure('onTimeRate')).toBe('75%')
    expect(figure('decisionDays')).toBe(zh.reports.figures.days.replace('{n}', '5'))
    expect(figure('meetings')).toBe('2')

    const villages = () => wrapper.findAll('.stats-table tbody th').map((th) => th.text())
    await wrapper.get('.stats-table__sort[data-column="collected"]').trigger('click')
    expect(villages()).toEqual(['刘土城村', '南关村'])
    expect(wrapper.get('th[aria-sort="descending"]').text()).toContain(zh.reports.figures.collected)
    await wrapper.get('.stats-table__sort[data-column="collected"]').trigger('click')
    expect(villages()).toEqual(['南关村', '刘土城村'])

    await wrapper.get('[data-period="all"]').trigger('click')
    await vi.waitFor(() => expect(router.currentRoute.value.query.period).toBe('all'))
    await vi.waitFor(() => expect(figure('collected')).toBe('12'))
  })

  it('shows the kept figures while the desk worker counts again after a change, says so, then shows the new ones', async () => {
    await loadStatsSource(townshipActor())
    await vi.waitFor(async () => expect((await useDb().meta.get(STATS_FACTS_KEY))?.value).toBeDefined())
    const asked = stubPendingWorker()
    try {
      await useDb().suggestions.put({ ...townshipRows().suggestions[0]!, id: '019a0000-0000-7000-8000-00000000cafe', receiptCode: 'Z8' })
      const { wrapper } = await mountWithApp(StatsPage, { route: '/stats?period=all', session: sessionAs('township') })
      page.keep(wrapper)
      const figure = () => wrapper.get('.stats-page__figure[data-figure="collected"] dd').text()
      await vi.waitFor(() => expect(wrapper.find('[data-testid="stats-updating"]').exists()).toBe(true))
      expect(wrapper.get('[data-testid="stats-updating"]').text()).toBe(zh.reports.updating)
      expect(figure()).toBe('12')
      await vi.waitFor(() => expect(asked).toHaveLength(1))

      // What the worker does: derive and keep; the page follows.
      await refreshStatsFacts(townshipActor())
      await vi.waitFor(() => expect(figure()).toBe('13'))
      await vi.waitFor(() => expect(wrapper.find('[data-testid="stats-updating"]').exists()).toBe(false))
    } finally {
      vi.unstubAllGlobals()
    }
  })

  it("counts a cadre's village again at once after a change, without a worker", async () => {
    const cadre = sessionAs('cadre')
    await loadStatsSource(cadre.actor)
    await vi.waitFor(async () => expect((await useDb().meta.get(STATS_FACTS_KEY))?.value).toBeDefined())
    const asked = stubPendingWorker()
    try {
      const { wrapper } = await mountWithApp(StatsPage, { route: '/ledger/stats?period=all', session: cadre })
      page.keep(wrapper)
      const figure = () => wrapper.get('.stats-page__figure[data-figure="collected"] dd').text()
      await vi.waitFor(() => expect(wrapper.find('[data-testid="stats-ready"]').exists()).toBe(true))
      const before = Number(figure())
      await useDb().suggestions.put({ ...townshipRows().suggestions[0]!, id: '019a0000-0000-7000-8000-00000000f00d', receiptCode: 'Z7', villageId: cadre.actor.villageId! })
      await vi.waitFor(() => expect(Number(figure())).toBe(before + 1))
      expect(wrapper.find('[data-testid="stats-updating"]').exists()).toBe(false)
      expect(asked).toEqual([])
    } finally {
      vi.unstubAllGlobals()
    }
  })
})
