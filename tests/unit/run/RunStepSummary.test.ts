import { beforeEach, describe, expect, it } from 'vitest'
import RunStepSummary from '@app/components/run/RunStepSummary.vue'
import zh from '@app/locales/zh-CN'
import { mountWithApp } from '../helpers/mount'
import { BLANK_ROUTE } from './fixtures'

const meetingId = '0190f5a0-0000-7000-8000-00000000aaaa'

async function mountStep(props: { summary?: string | null; readonly?: boolean } = {}) {
  const { wrapper } = await mountWithApp(RunStepSummary, {
    route: BLANK_ROUTE,
    props: { meetingId, attendance: 36, summary: props.summary ?? null, readonly: props.readonly ?? false },
  })
  return wrapper
}

const button = (wrapper: Awaited<ReturnType<typeof mountStep>>, label: string) =>
  wrapper.findAll('button').find((b) => b.text() === label)!

beforeEach(() => localStorage.clear())

describe('RunStepSummary', () => {
  it('refuses to close without a summary, in Chinese', async () => {
    const wrapper = await mountStep()
    expect(wrapper.text()).toContain('本次到会 36 人')
    await wrapper.get('form').trigger('submit')
    expect(wrapper.text()).toContain(zh.run.validation.summary_required)
    expect(wrapper.text()).not.toContain(zh.run.summary.closeConfirm)
    expect(wrapper.emitted('close')).toBeUndefined()
  })

  it('asks before closing, then emits the summary', async () => {
    const wrapper = await mountStep()
    await wrapper.get('textarea[name="summary"]').setValue(' 路灯本周修好，排水沟上报镇里。 ')
    await wrapper.get('form').trigger('submit')
    expect(wrapper.text()).toContain(zh.run.summary.closeConfirm)
    expect(wrapper.emitted('close')).toBeUndefined()
    await button(wrapper, zh.run.summary.closeSubmit).trigger('click')
    expect(wrapper.emitted('close')![0]![0]).toBe('路灯本周修好，排水沟上报镇里。')
  })

  it('keeps the summary being typed across a remount', async () => {
    const first = await mountStep()
    await first.get('textarea[name="summary"]').setValue('今晚议了三件事')
    first.unmount()
    const again = await mountStep()
    expect((again.get('textarea[name="summary"]').element as HTMLTextAreaElement).value).toBe('今晚议了三件事')
  })

  it('shows the saved summary of a closed meeting, read-only', async () => {
    const wrapper = await mountStep({ summary: '路灯本周修好', readonly: true })
    expect(wrapper.text()).toContain('路灯本周修好')
    expect(wrapper.find('textarea').exists()).toBe(false)
  })
})
