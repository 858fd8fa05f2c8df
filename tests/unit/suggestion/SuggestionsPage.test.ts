import 'fake-indexeddb/auto'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import SuggestionsPage from '@app/pages/SuggestionsPage.vue'
import zh from '@app/locales/zh-CN'
import { useDb } from '@app/db'
import { mountWithApp } from '../helpers/mount'
import { sessionFixture } from '../helpers/session'
import { aSuggestion, testId } from '../builders'

describe('SuggestionsPage', () => {
  const session = sessionFixture()
  const villageId = session.village!.id

  beforeEach(async () => {
    await useDb().suggestions.clear()
    await useDb().suggestions.bulkPut(
      Array.from({ length: 60 }, (_, i) =>
        aSuggestion({
          id: testId(0x5000 + i),
          villageId,
          content: `第 ${i + 1} 条意见`,
          createdAt: new Date(Date.UTC(2026, 9, 1, 0, i)).toISOString(),
        }),
      ),
    )
  })

  it('shows the newest 50 first and the older ones on request, with the village total', async () => {
    const { wrapper } = await mountWithApp(SuggestionsPage, { route: '/suggestions', session })
    // fake-indexeddb walks a cursor one macrotask per row: poll until the live query delivers.
    await vi.waitFor(() => expect(wrapper.findAll('li')).toHaveLength(50))
    expect(wrapper.findAll('li')[0]!.text()).toContain('第 60 条意见')
    expect(wrapper.text()).toContain('共 60 条')

    await wrapper.findAll('button').find((b) => b.text() === zh.suggestion.list.more)!.trigger('click')
    await vi.waitFor(() => expect(wrapper.findAll('li')).toHaveLength(60))
    expect(wrapper.findAll('li').at(-1)!.text()).toContain('第 1 条意见')
    expect(wrapper.findAll('button').some((b) => b.text() === zh.suggestion.list.more)).toBe(false)
  })
})
