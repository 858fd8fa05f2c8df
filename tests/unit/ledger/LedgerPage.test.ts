import 'fake-indexeddb/auto'
import { describe, expect, it, vi } from 'vitest'
import type { VueWrapper } from '@vue/test-utils'
import LedgerPage from '@app/pages/LedgerPage.vue'
import zh from '@app/locales/zh-CN'
import { useDb } from '@app/db'
import { aSuggestion, testId } from '../builders'
import { mountWithApp } from '../helpers/mount'
import { setUpPageTests } from '../helpers/page'
import { sessionAs } from '../escalation/fixtures'
import { september, seedVillage, suggestions } from './village'

// Tuesday 13 October 2026 in Shanghai.
const page = setUpPageTests({ now: '2026-10-13T04:00:00.000Z' })

async function openLedger() {
  const result = await mountWithApp(LedgerPage, { route: '/ledger', session: sessionAs('cadre') })
  page.keep(result.wrapper)
  await vi.waitFor(() => expect(result.wrapper.find('.ledger-funnel').exists()).toBe(true))
  return result
}

/** The contents of the listed suggestions, top to bottom. */
const listed = (wrapper: VueWrapper) => wrapper.findAll(`ol[aria-label="${zh.ledger.list.label}"] li .ledger-item__link`).map((a) => a.text())
const contents = (...rows: { content: string }[]) => rows.map((row) => row.content)

describe('LedgerPage', () => {
  it("shows the village's funnel counted from the records, with open items on time and overdue", async () => {
    await seedVillage()
    const { wrapper } = await openLedger()
    const stages = wrapper.findAll('.ledger-funnel__stage').map((li) => li.text())
    const f = zh.ledger.funnel
    expect(stages).toEqual([
      `${f.collected}8`, `${f.onAgenda}5`, `${f.decided}4`, `${f.escalated}1`, `${f.resolved}3`, `${f.rated}2`, `${f.rulesFormed}1`,
    ])
    expect(wrapper.get('.ledger-funnel__open').text()).toBe(`${f.open} 2${f.onTime} 1${f.overdue} 1`)
    expect(wrapper.text()).toContain('2 件在办，1 件超期，1 条待回访')
  })

  it('counts what is written on the device at once: a new suggestion is collected', async () => {
    await seedVillage()
    const { wrapper } = await openLedger()
    await useDb().suggestions.put(aSuggestion({ id: testId(0x7199), content: '后街的电线太低了', createdAt: '2026-10-12T02:00:00.000Z' }))
    await vi.waitFor(() => expect(wrapper.get('[data-stage="collected"]').text()).toBe(`${zh.ledger.funnel.collected}9`))
    expect(listed(wrapper)[0]).toBe('后街的电线太低了')
  })

  it('lists every suggestion newest first with its status, a short path and an overdue mark, linking to it', async () => {
    await seedVillage()
    const { wrapper } = await openLedger()
    await vi.waitFor(() => expect(listed(wrapper)).toHaveLength(8))
    const s = suggestions
    expect(listed(wrapper)).toEqual(contents(s.rule, s.answered, s.escalated, s.closed, s.resolved, s.overdue, s.onAgenda, s.collected))
    expect(wrapper.text()).toContain('8 条')

    const overdue = wrapper.findAll('.ledger-item').find((card) => card.text().includes(s.overdue.content))!
    expect(overdue.text()).toContain(zh.suggestion.status.decided)
    expect(overdue.text()).toContain(zh.ledger.list.overdue)
    const step = zh.escalation.suggestion.step
    expect(overdue.get('.ledger-item__path').text()).toBe(`${step.collected} → ${step.on_agenda} → ${step.decided}`)
    expect(overdue.get('a').attributes('href')).toBe(`/suggestions/${s.overdue.id}`)

    const rule = wrapper.findAll('.ledger-item').find((card) => card.text().includes(s.rule.content))!
    expect(rule.get('.ledger-item__path').text()).toBe(
      [step.collected, step.on_agenda, step.decided, step.resolved, step.rated, step.closed].join(' → '),
    )
    expect(rule.text()).not.toContain(zh.ledger.list.overdue)
  })

  it.each([
    ['status', 'decided', ['overdue']],
    ['category', 'environment', ['answered']],
    ['source', 'hotline', ['collected']],
    ['meeting', september.id, ['rule', 'closed', 'resolved', 'overdue']],
    ['overdue', 'overdue', ['overdue']],
    ['overdue', 'on_time', ['rule', 'answered', 'escalated', 'closed', 'resolved', 'onAgenda', 'collected']],
  ] as const)('filters by %s = %s', async (name, value, expected) => {
    await seedVillage()
    const { wrapper } = await openLedger()
    await vi.waitFor(() => expect(listed(wrapper)).toHaveLength(8))
    await wrapper.get(`select[name="${name}"]`).setValue(value)
    await vi.waitFor(() => expect(listed(wrapper)).toEqual(expected.map((key) => suggestions[key].content)))
    expect(wrapper.text()).toContain(`${expected.length} 条`)

    await wrapper.findAll('button').find((b) => b.text() === zh.ledger.filter.clear)!.trigger('click')
    await vi.waitFor(() => expect(listed(wrapper)).toHaveLength(8))
  })

  it('offers the village meetings by title and date in the meeting filter', async () => {
    await seedVillage()
    const { wrapper } = await openLedger()
    const options = wrapper.get('select[name="meeting"]').findAll('option').map((o) => o.text())
    expect(options).toEqual([zh.ledger.filter.all, '十月夜话（2026-10-09）', '九月夜话（2026-09-10）'])
  })

  it.each([
    ['words of the content', '路灯', ['collected']],
    ["the submitter's name", '王婶', ['escalated']],
    ['the receipt code, in any case', 'rc000007', ['answered']],
    ['words of the answer', '保洁员', ['answered']],
    ['nothing that matches', '飞机场', []],
  ] as const)('searches %s once typing pauses', async (_what, words, expected) => {
    await seedVillage()
    const { wrapper } = await openLedger()
    await vi.waitFor(() => expect(listed(wrapper)).toHaveLength(8))
    await wrapper.get('input[name="search"]').setValue(words)
    // Debounced: the list does not search on every keystroke.
    expect(listed(wrapper)).toHaveLength(8)
    await vi.waitFor(() => expect(listed(wrapper)).toEqual(expected.map((key) => suggestions[key].content)))
    if (expected.length === 0) expect(wrapper.text()).toContain(zh.ledger.list.empty)
  })

  it('combines a filter with a search', async () => {
    await seedVillage()
    const { wrapper } = await openLedger()
    await wrapper.get('select[name="meeting"]').setValue(september.id)
    await wrapper.get('input[name="search"]').setValue('活动室')
    await vi.waitFor(() => expect(listed(wrapper)).toEqual([suggestions.closed.content]))
  })

  it('shows a large village 50 at a time, with the total of the filter', async () => {
    await useDb().suggestions.bulkPut(
      Array.from({ length: 120 }, (_, i) =>
        aSuggestion({ id: testId(0x8000 + i), content: `第 ${i + 1} 条意见`, createdAt: new Date(Date.UTC(2026, 8, 1, 0, i)).toISOString() }),
      ),
    )
    const { wrapper } = await openLedger()
    await vi.waitFor(() => expect(listed(wrapper)).toHaveLength(50))
    expect(listed(wrapper)[0]).toBe('第 120 条意见')
    expect(wrapper.text()).toContain('120 条')
    expect(wrapper.get('[data-stage="collected"]').text()).toBe(`${zh.ledger.funnel.collected}120`)

    await wrapper.findAll('button').find((b) => b.text() === zh.ledger.list.more)!.trigger('click')
    await vi.waitFor(() => expect(listed(wrapper)).toHaveLength(100))
    expect(listed(wrapper).at(-1)).toBe('第 21 条意见')
  })

  it('leads to the follow-through list', async () => {
    await seedVillage()
    const { wrapper, router } = await openLedger()
    const link = wrapper.findAll('a').find((a) => a.text().includes(zh.ledger.followUp.link))!
    expect(link.attributes('href')).toBe('/follow-up')
    await link.trigger('click')
    // The follow-through page loads lazily, as in the app.
    await vi.waitFor(() => expect(router.currentRoute.value.name).toBe('follow-up'), { timeout: 10_000 })
  })
})
