import 'fake-indexeddb/auto'
import { describe, expect, it, vi } from 'vitest'
import type { VueWrapper } from '@vue/test-utils'
import type { Suggestion } from '@shared/records'
import SuggestionDetailPage from '@app/pages/SuggestionDetailPage.vue'
import zh from '@app/locales/zh-CN'
import { useDb } from '@app/db'
import { aSuggestion, anEscalation } from '../builders'
import { mountWithApp } from '../helpers/mount'
import { setUpPageTests } from '../helpers/page'
import { seed, sessionAs } from './fixtures'

const page = setUpPageTests()

async function openAs(role: 'cadre' | 'collector' | 'township', suggestion: Suggestion) {
  const result = await mountWithApp(SuggestionDetailPage, { route: `/suggestions/${suggestion.id}`, session: sessionAs(role) })
  page.keep(result.wrapper)
  await vi.waitFor(() => expect(result.wrapper.text()).toContain(suggestion.content))
  return result.wrapper
}

const actionButtons = (wrapper: VueWrapper) => wrapper.findAll('.suggestion-page__actions button').map((b) => b.text())

describe('SuggestionDetailPage', () => {
  it("shows a cadre the villager's name, phone, receipt code, status and path", async () => {
    const suggestion = aSuggestion({ source: 'collector', submitterName: '李大爷', submitterPhone: '13800000000', receiptCode: 'AB23CD45' })
    await seed({ suggestions: [suggestion] })
    const wrapper = await openAs('cadre', suggestion)
    const text = wrapper.text()
    for (const shown of ['李大爷', '13800000000', 'AB23CD45', zh.suggestion.status.new, zh.suggestion.category.infrastructure, zh.suggestion.source.collector, zh.escalation.suggestion.step.collected]) {
      expect(text).toContain(shown)
    }
    expect(wrapper.get('a[href="tel:13800000000"]').text()).toBe('13800000000')
  })

  it.each([
    ['cadre', 'new', [zh.escalation.escalate.action, zh.escalation.suggestion.answerAction, zh.escalation.suggestion.declineAction]],
    ['cadre', 'escalated', []],
    ['collector', 'new', []],
    ['township', 'escalated', []],
  ] as const)('offers a %s the allowed actions on a %s suggestion', async (role, status, expected) => {
    const suggestion = aSuggestion({ status })
    await seed({ suggestions: [suggestion] })
    const wrapper = await openAs(role, suggestion)
    expect(actionButtons(wrapper)).toEqual(expected)
  })

  it('escalates the suggestion on the device and then shows the escalation with its status', async () => {
    const suggestion = aSuggestion({ content: '村西的小桥桥面塌了一块，拖拉机过不去，村里修不了' })
    await seed({ suggestions: [suggestion] })
    const wrapper = await openAs('cadre', suggestion)

    await wrapper.findAll('button').find((b) => b.text() === zh.escalation.escalate.action)!.trigger('click')
    await wrapper.get('textarea[name="details"]').setValue('需要镇交通办派人勘察')
    await wrapper.get('form').trigger('submit')

    await vi.waitFor(async () => expect(await useDb().escalations.count()).toBe(1))
    const [escalation] = await useDb().escalations.toArray()
    expect(escalation).toMatchObject({
      suggestionIds: [suggestion.id], title: '村西的小桥桥面塌了一块，拖拉机过不去，村里修不了', details: '需要镇交通办派人勘察',
      status: 'submitted', villageId: suggestion.villageId, topicId: null,
    })
    expect((await useDb().suggestions.get(suggestion.id))?.status).toBe('escalated')
    expect((await useDb().outbox.toArray()).map((m) => m.name)).toEqual(['escalation.create'])

    await vi.waitFor(() => expect(wrapper.text()).toContain(zh.escalation.status.submitted))
    expect(wrapper.get(`a[href="/escalations/${escalation!.id}"]`).text()).toContain(escalation!.title)
    expect(wrapper.text()).toContain(zh.suggestion.status.escalated)
    expect(actionButtons(wrapper)).toEqual([])
  })

  it("shows the township's words for an escalation it accepted", async () => {
    const suggestion = aSuggestion({ status: 'escalated' })
    const escalation = anEscalation({ status: 'accepted', suggestionIds: [suggestion.id], dueOn: '2026-10-12', title: '村西桥面维修' })
    await seed({ suggestions: [suggestion], escalations: [escalation] })
    const wrapper = await openAs('cadre', suggestion)
    await vi.waitFor(() => expect(wrapper.text()).toContain(zh.escalation.status.accepted))
    expect(wrapper.text()).toContain('2026-10-12 前办结')
  })

  it('declines with a reason, asking for one in Chinese first', async () => {
    const suggestion = aSuggestion()
    await seed({ suggestions: [suggestion] })
    const wrapper = await openAs('cadre', suggestion)
    await wrapper.findAll('button').find((b) => b.text() === zh.escalation.suggestion.declineAction)!.trigger('click')
    await wrapper.get('form').trigger('submit')
    expect(wrapper.text()).toContain(zh.escalation.validation.reason_required)

    await wrapper.get('textarea[name="text"]').setValue('不属于村里能办的事')
    await wrapper.get('form').trigger('submit')
    await vi.waitFor(async () => expect((await useDb().suggestions.get(suggestion.id))?.status).toBe('declined'))
    await vi.waitFor(() => expect(wrapper.text()).toContain('不属于村里能办的事'))
  })
})
