import { beforeEach, describe, expect, it } from 'vitest'
import RunStepDiscussion from '@app/components/run/RunStepDiscussion.vue'
import type { ViewPayload } from '@app/components/run/runPayloads'
import zh from '@app/locales/zh-CN'
import { aRemark, aSuggestion, aTopic } from '../builders'
import { mountWithApp } from '../helpers/mount'
import { BLANK_ROUTE, runTopic } from './fixtures'

const meetingId = '0190f5a0-0000-7000-8000-00000000aaaa'
const lamps = aTopic({ title: '修路灯', meetingId })
const said = aRemark({ subjectType: 'topic', subjectId: lamps.id, kind: 'view', text: '路灯要装太阳能的', speaker: '李大爷' })

async function mountStep(readonly = false) {
  const { wrapper } = await mountWithApp(RunStepDiscussion, {
    route: BLANK_ROUTE,
    props: {
      meetingId,
      topics: [runTopic(lamps, [], { views: [said] })],
      openViews: [],
      questions: [aSuggestion({ source: 'on_site', content: '村里能不能建个快递点', submitterName: '王婶' })],
      readonly,
    },
  })
  return wrapper
}

const button = (wrapper: Awaited<ReturnType<typeof mountStep>>, label: string) =>
  wrapper.findAll('button').find((b) => b.text().startsWith(label))!

beforeEach(() => localStorage.clear())

describe('RunStepDiscussion', () => {
  it('shows the views given on the first topic, with speakers, and the new questions of the evening', async () => {
    const wrapper = await mountStep()
    expect(wrapper.get('[aria-pressed="true"]').text()).toContain('1. 修路灯')
    expect(wrapper.text()).toContain('李大爷：路灯要装太阳能的')
    expect(wrapper.text()).toContain(zh.run.discussion.questions)
    expect(wrapper.text()).toContain('王婶：村里能不能建个快递点')
  })

  it('refuses an empty view in Chinese and emits nothing', async () => {
    const wrapper = await mountStep()
    await wrapper.get('form').trigger('submit')
    expect(wrapper.text()).toContain(zh.run.validation.view_required)
    expect(wrapper.emitted('view')).toBeUndefined()
  })

  it('emits a view on the chosen topic with its speaker, and empties the boxes once saved', async () => {
    const wrapper = await mountStep()
    await wrapper.get('textarea[name="view"]').setValue(' 电费谁出要说清楚 ')
    await wrapper.get('input[name="speaker"]').setValue('张大哥')
    await wrapper.get('form').trigger('submit')
    const [payload] = wrapper.emitted<[ViewPayload]>('view')![0]!
    expect(payload).toMatchObject({ subject: { type: 'topic', id: lamps.id }, text: '电费谁出要说清楚', speaker: '张大哥' })
    payload.done()
    await wrapper.vm.$nextTick()
    expect((wrapper.get('textarea[name="view"]').element as HTMLTextAreaElement).value).toBe('')
    expect((wrapper.get('input[name="speaker"]').element as HTMLInputElement).value).toBe('')
  })

  it('records views outside any topic on the meeting itself', async () => {
    const wrapper = await mountStep()
    await button(wrapper, zh.run.discussion.open).trigger('click')
    await wrapper.get('textarea[name="view"]').setValue('希望夜话每月都开')
    await wrapper.get('form').trigger('submit')
    expect(wrapper.emitted<[ViewPayload]>('view')![0]![0]).toMatchObject({ subject: { type: 'meeting', id: meetingId }, speaker: '' })
  })

  it('turns a new question into a request with one tap, and wants at least two characters for it', async () => {
    const wrapper = await mountStep()
    await wrapper.get('textarea[name="view"]').setValue('桥')
    await button(wrapper, zh.run.discussion.asQuestion).trigger('click')
    expect(wrapper.text()).toContain(zh.run.validation.question_too_short)
    expect(wrapper.emitted('question')).toBeUndefined()

    await wrapper.get('textarea[name="view"]').setValue('村西的桥栏杆断了')
    await button(wrapper, zh.run.discussion.asQuestion).trigger('click')
    expect(wrapper.emitted<[ViewPayload]>('question')![0]![0]).toMatchObject({ text: '村西的桥栏杆断了', speaker: '' })
    expect(wrapper.emitted('view')).toBeUndefined()
  })

  it('keeps a half-typed view per topic on the phone', async () => {
    const first = await mountStep()
    await first.get('textarea[name="view"]').setValue('我觉得')
    first.unmount()
    const again = await mountStep()
    expect((again.get('textarea[name="view"]').element as HTMLTextAreaElement).value).toBe('我觉得')
    await button(again, zh.run.discussion.open).trigger('click')
    expect((again.get('textarea[name="view"]').element as HTMLTextAreaElement).value).toBe('')
  })

  it('shows what was said but no form when read-only', async () => {
    const wrapper = await mountStep(true)
    expect(wrapper.text()).toContain('路灯要装太阳能的')
    expect(wrapper.find('form').exists()).toBe(false)
  })
})
