import { describe, expect, it } from 'vitest'
import RunStepTopics from '@app/components/run/RunStepTopics.vue'
import zh from '@app/locales/zh-CN'
import type { RunTopic } from '@app/stores/meetingRun'
import { aSuggestion, aTopic } from '../builders'
import { mountWithApp } from '../helpers/mount'
import { BLANK_ROUTE, runTopic } from './fixtures'

async function mountStep(topics: RunTopic[]) {
  const { wrapper } = await mountWithApp(RunStepTopics, { route: BLANK_ROUTE, props: { topics } })
  return wrapper
}

describe('RunStepTopics', () => {
  it('lists the topics in agenda order with the suggestions each groups', async () => {
    const lamps = runTopic(aTopic({ title: '修路灯' }), [
      aSuggestion({ content: '村东头路灯坏了' }), aSuggestion({ content: '小学门口没有路灯' }),
    ])
    const ditch = runTopic(aTopic({ title: '东街排水沟', outcome: 'deferred' }))
    const wrapper = await mountStep([lamps, ditch])
    const items = wrapper.findAll('ol > li')
    expect(items.map((li) => li.get('h3').text())).toEqual(['1. 修路灯', '2. 东街排水沟'])
    expect(items[0]!.text()).toContain('归入 2 条意见')
    expect(items[0]!.findAll('ul > li').map((li) => li.text())).toEqual(['村东头路灯坏了', '小学门口没有路灯'])
    expect(items[1]!.text()).toContain(zh.run.outcome.deferred)
  })

  it('says there is no agenda and the meeting can go on to discussion', async () => {
    expect((await mountStep([])).text()).toContain(zh.run.topics.empty)
  })
})
