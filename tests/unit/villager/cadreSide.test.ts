import 'fake-indexeddb/auto'
import { describe, expect, it, vi } from 'vitest'
import FollowUpPage from '@app/pages/FollowUpPage.vue'
import SuggestionDetailPage from '@app/pages/SuggestionDetailPage.vue'
import TriagePage from '@app/pages/TriagePage.vue'
import zh from '@app/locales/zh-CN'
import type { Suggestion } from '@shared/records'
import { aSuggestion } from '../builders'
import { seed, sessionAs } from '../escalation/fixtures'
import { gym, seedVillage } from '../followup/village'
import { mountWithApp } from '../helpers/mount'
import { setUpPageTests } from '../helpers/page'

// What the cadres see of the villagers' side: the marker in 待分拣, the villager's rating on the
// suggestion's page, and the callback list that leaves out what the villager rated.
const page = setUpPageTests({ now: '2026-10-09T04:00:00.000Z' })
const say = (message: string, values: Record<string, string | number>) => message.replace(/\{(\w+)\}/g, (_, k: string) => String(values[k]))

async function open(component: Parameters<typeof mountWithApp>[0], route: string, until: string) {
  const { wrapper } = await mountWithApp(component, { route, session: sessionAs('cadre') })
  page.keep(wrapper)
  await vi.waitFor(() => expect(wrapper.text()).toContain(until))
  return wrapper
}

describe('待分拣', () => {
  it('marks what a villager submitted from the village link as 村民提交, and only that', async () => {
    const own = aSuggestion({ content: '广场的健身器材扶手松了', source: 'villager', createdAt: '2026-10-08T01:00:00.000Z' })
    const collected = aSuggestion({ content: '垃圾清运一周一次不够', source: 'collector', createdAt: '2026-10-08T02:00:00.000Z' })
    await seed({ suggestions: [own, collected] })
    const wrapper = await open(TriagePage, '/triage', collected.content)
    const items = wrapper.findAll('.triage-item')
    expect(items.map((item) => item.text().includes(zh.triage.fromVillager))).toEqual([true, false])
  })
})

describe("the suggestion's page", () => {
  it("shows the villager's own rating with their line, and no receipt code (the village keeps only its digest)", async () => {
    const rated = aSuggestion({
      source: 'villager', status: 'on_agenda', receiptCode: 'QZ7K2M9P',
      rating: { stars: 3, outcome: 'partly', ratedAt: '2026-10-08T12:00:00.000Z', by: 'villager', note: '桥面还是晃' },
    })
    await seed({ suggestions: [rated] })
    const wrapper = await open(SuggestionDetailPage, `/suggestions/${rated.id}`, rated.content)
    const fact = wrapper.get('[data-fact="rating"]').text()
    expect(fact).toContain(say(zh.escalation.suggestion.ratingValue, { n: 3, outcome: zh.followup.outcome.partly }))
    expect(fact).toContain(zh.escalation.suggestion.ratingByVillager.split('（')[0])
    expect(fact).toContain(say(zh.escalation.suggestion.ratingNote, { note: '桥面还是晃' }))
    expect(wrapper.text()).toContain(zh.escalation.suggestion.receiptWithVillager)
    expect(wrapper.text()).not.toContain('QZ7K2M9P')
  })

  it("says a callback's rating was recorded by a member", async () => {
    const called = aSuggestion({ source: 'collector', status: 'closed', rating: { stars: 5, outcome: 'resolved', ratedAt: '2026-10-08T12:00:00.000Z' } })
    await seed({ suggestions: [called] })
    const wrapper = await open(SuggestionDetailPage, `/suggestions/${called.id}`, called.content)
    expect(wrapper.get('[data-fact="rating"]').text()).toContain(zh.escalation.suggestion.ratingByMember.split('（')[0])
  })
})

describe('待回访', () => {
  it("drops an item once its villager rated it, and shows that rating where it was reopened", async () => {
    const rated: Suggestion = {
      ...gym, status: 'on_agenda',
      rating: { stars: 3, outcome: 'partly', ratedAt: '2026-10-08T12:00:00.000Z', by: 'villager' },
    }
    await seedVillage({ suggestions: [rated] })
    const wrapper = await open(FollowUpPage, '/follow-up', zh.followup.callback.heading)
    await vi.waitFor(() => expect(wrapper.get('[data-list="open"]').text()).toContain(gym.content))
    expect(wrapper.find('[data-list="callbacks"]').exists()).toBe(false)
    expect(wrapper.text()).toContain(zh.followup.callback.empty)
    expect(wrapper.get('[data-list="open"]').text()).toContain(say(zh.followup.reopenedByVillager, { outcome: zh.followup.outcome.partly, n: 3 }))
  })

  it('asks again once it is resolved again, showing the earlier rating', async () => {
    const again: Suggestion = { ...gym, rating: { stars: 2, outcome: 'unresolved', ratedAt: '2026-10-01T12:00:00.000Z', by: 'villager' } }
    await seedVillage({ suggestions: [again] })
    const wrapper = await open(FollowUpPage, '/follow-up', zh.followup.callback.heading)
    await vi.waitFor(() => expect(wrapper.find('[data-list="callbacks"]').exists()).toBe(true))
    expect(wrapper.get('[data-list="callbacks"]').text()).toContain(say(zh.followup.callback.earlier, { outcome: zh.followup.outcome.unresolved, n: 2 }))
  })
})
