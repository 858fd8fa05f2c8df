import { describe, expect, it } from 'vitest'
import EscalateForm from '@app/components/escalation/EscalateForm.vue'
import zh from '@app/locales/zh-CN'
import { mountWithApp } from '../helpers/mount'

const content = '东街排水沟堵了三百多米，一下雨就积水，老人孩子出门不方便，村里没有清淤的机械。'

async function mountForm(text = content) {
  const { wrapper } = await mountWithApp(EscalateForm, { props: { content: text } })
  return wrapper
}

const title = (wrapper: Awaited<ReturnType<typeof mountForm>>) =>
  (wrapper.get('input[name="title"]').element as HTMLInputElement).value

describe('EscalateForm', () => {
  it('starts the title from the first 30 characters of the content, on one line', async () => {
    expect(title(await mountForm())).toBe(`${Array.from(content).slice(0, 30).join('')}…`)
    expect(title(await mountForm('  路灯\n坏了  '))).toBe('路灯 坏了')
  })

  it('refuses a blank or one-character title with words in Chinese and emits nothing', async () => {
    const wrapper = await mountForm()
    await wrapper.get('input[name="title"]').setValue('   ')
    await wrapper.get('form').trigger('submit')
    expect(wrapper.text()).toContain(zh.escalation.validation.title_required)
    expect(wrapper.emitted('submit')).toBeUndefined()

    await wrapper.get('input[name="title"]').setValue('桥')
    expect(wrapper.text()).toContain(zh.escalation.validation.title_too_short)
    await wrapper.get('form').trigger('submit')
    expect(wrapper.emitted('submit')).toBeUndefined()
  })

  it('emits the trimmed title and details, and reports unsaved input as dirty', async () => {
    const wrapper = await mountForm()
    await wrapper.get('input[name="title"]').setValue('  东街排水沟疏通 ')
    await wrapper.get('textarea[name="details"]').setValue(' 需要机械清淤 ')
    expect(wrapper.emitted('update:dirty')?.at(-1)).toEqual([true])
    await wrapper.get('form').trigger('submit')
    expect(wrapper.emitted('submit')).toEqual([[{ title: '东街排水沟疏通', details: '需要机械清淤' }]])
  })

  it('emits cancel from its cancel button', async () => {
    const wrapper = await mountForm()
    await wrapper.findAll('button').find((b) => b.text() === zh.escalation.form.cancel)!.trigger('click')
    expect(wrapper.emitted('cancel')).toHaveLength(1)
  })
})
