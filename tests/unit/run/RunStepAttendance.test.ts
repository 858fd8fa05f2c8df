import { describe, expect, it } from 'vitest'
import RunStepAttendance from '@app/components/run/RunStepAttendance.vue'
import zh from '@app/locales/zh-CN'
import { mountWithApp } from '../helpers/mount'
import { BLANK_ROUTE } from './fixtures'

async function mountStep(count: number, readonly = false) {
  const { wrapper } = await mountWithApp(RunStepAttendance, { route: BLANK_ROUTE, props: { count, readonly } })
  return wrapper
}

const button = (wrapper: Awaited<ReturnType<typeof mountStep>>, label: string) => wrapper.get(`button[aria-label="${label}"]`)

describe('RunStepAttendance', () => {
  it('shows the count in big type and emits one more or one less per tap', async () => {
    const wrapper = await mountStep(12)
    expect((wrapper.get('input[name="attendance"]').element as HTMLInputElement).value).toBe('12')
    expect(wrapper.text()).toContain('共 12 人到会')
    await button(wrapper, zh.run.attendance.more).trigger('click')
    expect(wrapper.emitted('update:count')).toEqual([[13]])
    await wrapper.setProps({ count: 13 })
    await button(wrapper, zh.run.attendance.less).trigger('click')
    expect(wrapper.emitted('update:count')?.at(-1)).toEqual([12])
  })

  it('goes no lower than nobody', async () => {
    const wrapper = await mountStep(0)
    expect(button(wrapper, zh.run.attendance.less).attributes('disabled')).toBeDefined()
  })

  it('takes a typed number, and refuses one that is not a whole count in Chinese', async () => {
    const wrapper = await mountStep(0)
    await wrapper.get('input[name="attendance"]').setValue('45')
    expect(wrapper.emitted('update:count')).toEqual([[45]])

    await wrapper.get('input[name="attendance"]').setValue('4.5')
    expect(wrapper.get('[role="alert"]').text()).toBe(zh.run.validation.attendance_invalid)
    await wrapper.get('input[name="attendance"]').setValue('')
    expect(wrapper.text()).toContain(zh.run.validation.attendance_invalid)
    expect(wrapper.emitted('update:count')).toEqual([[45]])
  })

  it('changes nothing when read-only', async () => {
    const wrapper = await mountStep(30, true)
    expect(button(wrapper, zh.run.attendance.more).attributes('disabled')).toBeDefined()
    expect(button(wrapper, zh.run.attendance.less).attributes('disabled')).toBeDefined()
    expect(wrapper.get('input[name="attendance"]').attributes('readonly')).toBeDefined()
  })
})
