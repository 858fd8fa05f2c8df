import 'fake-indexeddb/auto'
import { describe, expect, it, vi } from 'vitest'
import type { DOMWrapper, VueWrapper } from '@vue/test-utils'
import FollowUpPage from '@app/pages/FollowUpPage.vue'
import zh from '@app/locales/zh-CN'
import { useDb } from '@app/db'
import { mountWithApp } from '../helpers/mount'
import { setUpPageTests } from '../helpers/page'
import { sessionAs } from '../escalation/fixtures'
import { aSuggestion, testId } from '../builders'
import { bridge, ditchDecision, gym, lamp, lampDecision, meeting, seedVillage } from './village'

// Friday 9 October 2026 in Shanghai, the day after the 国庆 holiday ended.
const page = setUpPageTests({ now: '2026-10-09T04:00:00.000Z' })

async function openAs(role: 'cadre' | 'collector' = 'cadre') {
  const result = await mountWithApp(FollowUpPage, { route: '/follow-up', session: sessionAs(role) })
  page.keep(result.wrapper)
  await vi.waitFor(() => expect(cards(result.wrapper, 'open').length).toBeGreaterThan(0))
  return result.wrapper
}

const cards = (wrapper: VueWrapper, list: 'open' | 'callbacks') => wrapper.findAll(`[data-list="${list}"] > li`)
const titles = (wrapper: VueWrapper, list: 'open' | 'callbacks') =>
  cards(wrapper, list).map((li) => li.get(list === 'open' ? 'h3' : 'h3 a').text())
const card = (wrapper: VueWrapper, list: 'open' | 'callbacks', words: string) => {
  const found = cards(wrapper, list).find((li) => li.text().includes(words))
  if (!found) throw new Error(`no card with ${words} in:\n${wrapper.text()}`)
  return found
}
const button = (scope: DOMWrapper<Element> | VueWrapper, label: string) => {
  const found = scope.findAll('button').find((b) => b.text() === label)
  if (!found) throw new Error(`no button ${label} in:\n${scope.text()}`)
  return found
}
const radio = (scope: DOMWrapper<Element>, label: string) => scope.findAll('[role="radio"]').find((r) => r.text() === label)!

describe('FollowUpPage: open items', () => {
  it('lists open decisions and escalations by deadline, marked in working days across the holiday', async () => {
    await seedVillage()
    const wrapper = await openAs()
    expect(titles(wrapper, 'open')).toEqual([lampDecision.text, ditchDecision.text, bridge.title])

    // 30 Sep → 9 Oct is nine calendar days but only two working days (8 and 9 October).
    const overdue = card(wrapper, 'open', lampDecision.text)
    expect(overdue.text()).toContain('2026-09-30 前办结')
    expect(overdue.text()).toContain('已超期 2 个工作日')
    expect(overdue.text()).toContain('专人：张主任')
    expect(overdue.text()).toContain(`来自 ${meeting.title}（2026-09-25）`)
    expect(overdue.text()).toContain(zh.followup.kind.decision)
    expect(overdue.find('[data-tone="overdue"]').exists()).toBe(true)

    // Saturday 10 October is a 调休 working day: two working days to Monday the 12th.
    expect(card(wrapper, 'open', ditchDecision.text).text()).toContain('还剩 2 个工作日')
    const escalation = card(wrapper, 'open', bridge.title)
    expect(escalation.text()).toContain('还剩 8 个工作日')
    expect(escalation.text()).toContain('专人：镇交通办刘工')
    expect(escalation.get('a').attributes('href')).toBe(`/escalations/${bridge.id}`)
  })

  it('crosses a decision off with a note as evidence: the decision, its remark, its suggestion and the outbox', async () => {
    await seedVillage()
    const wrapper = await openAs()
    await button(card(wrapper, 'open', lampDecision.text), zh.followup.complete.action).trigger('click')
    await card(wrapper, 'open', lampDecision.text).get('textarea[name="note"]').setValue('  换了三个新灯泡，晚上亮了  ')
    await card(wrapper, 'open', lampDecision.text).get('form').trigger('submit')

    const db = useDb()
    await vi.waitFor(async () => expect((await db.decisions.get(lampDecision.id))?.status).toBe('done'))
    const remarks = await db.remarks.where('subjectId').equals(lampDecision.id).toArray()
    expect(remarks).toEqual([
      expect.objectContaining({ subjectType: 'decision', kind: 'progress', text: '换了三个新灯泡，晚上亮了', authorId: sessionAs('cadre').actor.memberId }),
    ])
    expect((await db.suggestions.get(lamp.id))?.status).toBe('resolved')
    const outbox = await db.outbox.toArray()
    expect(outbox.map((entry) => entry.name)).toEqual(['decision.complete'])
    expect(outbox[0]!.args).toMatchObject({ id: lampDecision.id, topicId: lampDecision.topicId, suggestionIds: [lamp.id], attachments: [] })

    // Off the open list, and its suggestion now waits for the villager's callback.
    await vi.waitFor(() => expect(titles(wrapper, 'open')).toEqual([ditchDecision.text, bridge.title]))
    expect(titles(wrapper, 'callbacks')).toContain(lamp.content)
  })

  it('asks for the note in Chinese and writes nothing without it', async () => {
    await seedVillage()
    const wrapper = await openAs()
    await button(card(wrapper, 'open', lampDecision.text), zh.followup.complete.action).trigger('click')
    // The evidence photo is offered, and optional.
    const form = card(wrapper, 'open', lampDecision.text).get('form')
    expect(form.text()).toContain(zh.followup.complete.photo)
    expect(form.findAll('input[type="file"][accept="image/*"]').length).toBeGreaterThan(0)
    await form.trigger('submit')
    expect(card(wrapper, 'open', lampDecision.text).text()).toContain('请填写办结情况')

    await card(wrapper, 'open', lampDecision.text).get('textarea[name="note"]').setValue('好')
    expect(card(wrapper, 'open', lampDecision.text).text()).toContain('办结情况至少 2 个字')
    expect(await useDb().outbox.count()).toBe(0)
    expect((await useDb().decisions.get(lampDecision.id))?.status).toBe('open')
  })

  it('lets a collector see the open items but not cross decisions off', async () => {
    await seedVillage()
    const wrapper = await openAs('collector')
    expect(titles(wrapper, 'open')).toEqual([lampDecision.text, ditchDecision.text, bridge.title])
    expect(wrapper.findAll('button').some((b) => b.text() === zh.followup.complete.action)).toBe(false)
  })
})

describe('FollowUpPage: satisfaction callback', () => {
  async function fillCallback(wrapper: VueWrapper, stars: number | null, outcome: keyof typeof zh.followup.outcome | null, note = '') {
    await button(card(wrapper, 'callbacks', gym.content), zh.followup.callback.action).trigger('click')
    const form = () => card(wrapper, 'callbacks', gym.content)
    if (stars !== null) await radio(form(), `${stars} 星`).trigger('click')
    if (outcome !== null) await radio(form(), zh.followup.outcome[outcome]).trigger('click')
    if (note) await form().get('textarea[name="note"]').setValue(note)
    await form().get('form').trigger('submit')
  }

  it('lists resolved suggestions with a way to call the villager', async () => {
    await seedVillage()
    const wrapper = await openAs()
    expect(titles(wrapper, 'callbacks')).toEqual([gym.content])
    const callback = card(wrapper, 'callbacks', gym.content)
    expect(callback.text()).toContain('周大娘 提')
    expect(callback.get('a[href="tel:13900001111"]').text()).toBe('打电话 13900001111')
  })

  it('records a satisfied callback with the villager\'s words: the rating, a feedback remark, one action', async () => {
    await seedVillage()
    const wrapper = await openAs()
    await fillCallback(wrapper, 5, 'resolved', '器材都换新的了，很满意')

    const db = useDb()
    await vi.waitFor(async () => expect((await db.suggestions.get(gym.id))?.status).toBe('closed'))
    const rating = (await db.suggestions.get(gym.id))?.rating
    expect(rating).toMatchObject({ stars: 5, outcome: 'resolved' })
    expect(rating?.ratedAt.slice(0, 10)).toBe('2026-10-09')
    expect(await db.remarks.where('subjectId').equals(gym.id).toArray()).toEqual([
      expect.objectContaining({ subjectType: 'suggestion', kind: 'feedback', text: '器材都换新的了，很满意', speaker: '周大娘' }),
    ])
    expect((await db.outbox.orderBy('mid').toArray()).map((entry) => [entry.mid, entry.name])).toEqual([
      [1, 'suggestion.rate'], [2, 'remark.add'],
    ])
    await vi.waitFor(() => expect(wrapper.text()).toContain(zh.followup.callback.empty))
    expect(titles(wrapper, 'open')).not.toContain(gym.content)
  })

  it.each([
    ['partly', zh.followup.outcome.partly, 3],
    ['unresolved', zh.followup.outcome.unresolved, 1],
  ] as const)('reopens the matter on a "%s" callback and shows it among the open items', async (outcome, words, stars) => {
    await seedVillage()
    const wrapper = await openAs()
    await fillCallback(wrapper, stars, outcome)

    const db = useDb()
    await vi.waitFor(async () => expect((await db.suggestions.get(gym.id))?.status).toBe('on_agenda'))
    expect((await db.suggestions.get(gym.id))?.rating).toMatchObject({ stars, outcome })
    expect((await db.outbox.toArray()).map((entry) => entry.name)).toEqual(['suggestion.rate'])

    await vi.waitFor(() => expect(titles(wrapper, 'open')).toContain(gym.content))
    const reopened = card(wrapper, 'open', gym.content)
    expect(reopened.text()).toContain(zh.followup.kind.suggestion)
    expect(reopened.text()).toContain(`回访：${words}，${stars} 星`)
    expect(reopened.get('a').attributes('href')).toBe(`/suggestions/${gym.id}`)
    expect(wrapper.text()).toContain(zh.followup.callback.empty)
  })

  it.each([
    ['stars', null, 'partly', '请选择满意度（1 到 5 星）'],
    ['the outcome', 4, null, '请选择问题是否解决'],
  ] as const)('requires %s and writes nothing without', async (_what, stars, outcome, message) => {
    await seedVillage()
    const wrapper = await openAs()
    await fillCallback(wrapper, stars, outcome)
    expect(card(wrapper, 'callbacks', gym.content).text()).toContain(message)
    expect(await useDb().outbox.count()).toBe(0)
    expect((await useDb().suggestions.get(gym.id))?.rating).toBeNull()
  })

  it('shows a long list of callbacks 20 at a time, oldest resolution first', async () => {
    const resolved = Array.from({ length: 25 }, (_, i) =>
      aSuggestion({ id: testId(0x9500 + i), status: 'resolved', content: `第 ${i + 1} 件办结的事`, updatedAt: new Date(Date.UTC(2026, 8, 1 + i)).toISOString() }),
    )
    await seedVillage({ suggestions: [lamp, ...resolved] })
    const wrapper = await openAs()
    await vi.waitFor(() => expect(titles(wrapper, 'callbacks')).toHaveLength(20))
    expect(titles(wrapper, 'callbacks')[0]).toBe('第 1 件办结的事')
    expect(wrapper.text()).toContain('25 件')
    await button(wrapper, zh.followup.callback.more).trigger('click')
    await vi.waitFor(() => expect(titles(wrapper, 'callbacks')).toHaveLength(25))
    expect(wrapper.findAll('button').some((b) => b.text() === zh.followup.callback.more)).toBe(false)
  })

  it('lets a collector record a callback on the villager\'s behalf', async () => {
    await seedVillage()
    const wrapper = await openAs('collector')
    await fillCallback(wrapper, 4, 'resolved', '修好了')
    await vi.waitFor(async () => expect((await useDb().suggestions.get(gym.id))?.status).toBe('closed'))
    expect((await useDb().outbox.toArray()).map((entry) => entry.name)).toEqual(['suggestion.rate', 'remark.add'])
  })
})
