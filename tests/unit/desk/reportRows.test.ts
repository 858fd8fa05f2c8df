import { beforeEach, describe, expect, it, vi } from 'vitest'
import { defaultCalendar } from '@shared/calendar'
import { allTime, customPeriod, periodOf, townshipStats } from '@shared/desk/stats'
import StatsPage from '@app/pages/StatsPage.vue'
import zh from '@app/locales/zh-CN'
import { useDb } from '@app/db'
import { covers, loadReportRows } from '@app/components/reports/reportRows'
import { cadreActor, townshipActor } from '../builders'
import { resetDb, sessionAs } from '../escalation/fixtures'
import { mountWithApp } from '../helpers/mount'
import { setUpPageTests } from '../helpers/page'
import { townshipRows, villageA, villageB } from './fixture'

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

  it("reads the township's villages, by name, and only a period's suggestions when asked", async () => {
    const whole = await loadReportRows(townshipActor())
    expect(whole.period).toBeNull()
    expect(whole.index.suggestions).toHaveLength(12)
    expect(whole.villageIds).toEqual([villageB.id, villageA.id].sort((a, b) =>
      whole.villageNames.get(a)!.localeCompare(whole.villageNames.get(b)!, 'zh-CN')))

    const september = periodOf('month', '2026-09-15')
    const month = await loadReportRows(townshipActor(), september)
    expect(month.period).toEqual(september)
    // 南关村's August suggestion is not read; the statistics are the same as from every row
    expect(month.index.suggestions).toHaveLength(11)
    const options = { calendar: defaultCalendar }
    expect(townshipStats(month.index, september, options)).toEqual(townshipStats(whole.index, september, options))
    expect((await loadReportRows(townshipActor(), allTime)).period).toBeNull()
  })

  it("reads a cadre's own village only", async () => {
    const rows = await loadReportRows(cadreActor({ villageId: villageB.id }))
    expect(rows.villageIds).toEqual([villageB.id])
    expect(new Set(rows.index.suggestions.map((s) => s.villageId))).toEqual(new Set([villageB.id]))
    expect(rows.index.lastProgressByDecision.size).toBe(1)
  })

  it('knows which rows hold a period', () => {
    const q = periodOf('quarter', '2026-09-01')
    expect(covers(null, q)).toBe(true)
    expect(covers(q, periodOf('month', '2026-08-01'))).toBe(true)
    expect(covers(periodOf('month', '2026-08-01'), q)).toBe(false)
    expect(covers(q, customPeriod('2026-06-30', '2026-07-31'))).toBe(false)
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
})
