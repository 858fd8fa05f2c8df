import { describe, expect, it } from 'vitest'
import SuggestionForm from '@app/components/suggestion/SuggestionForm.vue'
import zh from '@app/locales/zh-CN'
import { mountWithApp } from '../helpers/mount'

const memberSources = ['collector', 'on_site', 'hotline'] as const

async function mountForm() {
  const { wrapper } = await mountWithApp(SuggestionForm, { props: { sources: memberSources } })
  return wrapper
}

describe('SuggestionForm', () => {
  it('shows the fields, categories and sources in Chinese', async () => {
    const wrapper = await mountForm()
    const text = wrapper.text()
    expect(text).toContain(zh.suggestion.form.content)
    for (const label of Object.values(zh.suggestion.category)) expect(text).toContain(label)
    for (const source of memberSources) expect(text).toContain(zh.suggestion.source[source])
    expect(text).not.toContain(zh.suggestion.source.villager)
    expect(text).toContain(zh.suggestion.form.privacyHint)
  })

  it('refuses empty content with a message in Chinese and emits nothing', async () => {
    const wrapper = await mountForm()
    await wrapper.get('form').trigger('submit')
    expect(wrapper.text()).toContain(zh.suggestion.validation.content_too_short)
    expect(wrapper.emitted('submit')).toBeUndefined()
  })

  it('refuses a malformed phone number and clears the message once it is fixed', async () => {
    const wrapper = await mountForm()
    await wrapper.get('textarea[name="content"]').setValue('村里的水井盖子坏了')
    await wrapper.get('input[name="submitterPhone"]').setValue('12345')
    await wrapper.get('form').trigger('submit')
    expect(wrapper.text()).toContain(zh.suggestion.validation.phone_invalid)
    expect(wrapper.emitted('submit')).toBeUndefined()

    await wrapper.get('input[name="submitterPhone"]').setValue('13812345678')
    expect(wrapper.text()).not.toContain(zh.suggestion.validation.phone_invalid)
  })

  it('emits the draft with the chosen category and source', async () => {
    const wrapper = await mountForm()
    await wrapper.get('textarea[name="content"]').setValue('  村东头的路灯坏了三个月  ')
    await wrapper.findAll('[role="radio"]').find((r) => r.text() === zh.suggestion.category.infrastructure)!.trigger('click')
    await wrapper.findAll('[role="radio"]').find((r) => r.text() === zh.suggestion.source.hotline)!.trigger('click')
    await wrapper.get('input[name="submitterName"]').setValue('王大爷')
    await wrapper.get('form').trigger('submit')

    expect(wrapper.emitted('submit')).toEqual([
      [
        {
          content: '  村东头的路灯坏了三个月  ',
          category: 'infrastructure',
          source: 'hotline',
          submitterName: '王大爷',
          submitterPhone: '',
          publicName: false,
        },
      ],
    ])
  })

  it('reports unsaved input as dirty and clears everything on reset', async () => {
    const wrapper = await mountForm()
    await wrapper.get('textarea[name="content"]').setValue('路灯坏了')
    expect(wrapper.emitted('update:dirty')?.at(-1)).toEqual([true])

    const reset = wrapper.findAll('button').find((b) => b.text() === zh.suggestion.form.reset)!
    await reset.trigger('click')
    expect((wrapper.get('textarea[name="content"]').element as HTMLTextAreaElement).value).toBe('')
    expect(wrapper.emitted('update:dirty')?.at(-1)).toEqual([false])
    expect(wrapper.emitted('reset')).toHaveLength(1)
  })
})
