import 'fake-indexeddb/auto'
import { describe, expect, it, vi } from 'vitest'
import type { VueWrapper } from '@vue/test-utils'
import EscalationResolveForm from '@app/components/desk/EscalationResolveForm.vue'
import type { AttachmentDraft } from '@app/components/attachment/attachmentDraft'
import en from '@app/locales/en'
import zh from '@app/locales/zh-CN'
import { mountWithApp } from '../helpers/mount'
import { setUpPageTests } from '../helpers/page'

const page = setUpPageTests()
const PDF = '%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n'

async function mountForm(locale: 'zh-CN' | 'en' = 'zh-CN') {
  const { wrapper } = await mountWithApp(EscalationResolveForm, { locale })
  page.keep(wrapper)
  return wrapper
}

/** Chooses a file in the form's PDF input, as a person picking one from the phone would. */
async function choose(wrapper: VueWrapper, content: string, name: string, type = 'application/pdf') {
  // The chooser loads on its own (only 办结 takes files).
  const input = await vi.waitFor(() => wrapper.get('input[accept*=".pdf"]'))
  Object.defineProperty(input.element, 'files', { value: [new File([content], name, { type })], configurable: true })
  await input.trigger('change')
}

type Submitted = { resolution: string; photos: AttachmentDraft[] }

describe('EscalationResolveForm', () => {
  it('办结 takes a scanned reply letter as PDF, listed by name and size, and submits it with the result', async () => {
    const wrapper = await mountForm()
    await vi.waitFor(() => expect(wrapper.text()).toContain(zh.attachment.file.pick))
    await choose(wrapper, PDF, '关于东街排水沟的回复函.pdf')
    await vi.waitFor(() => expect(wrapper.text()).toContain(`关于东街排水沟的回复函.pdf（${PDF.length} B）`))
    await wrapper.get('textarea').setValue('已清淤，排水恢复')
    await wrapper.get('form').trigger('submit')
    await vi.waitFor(() => expect(wrapper.emitted('submit')).toHaveLength(1))
    const [input] = wrapper.emitted('submit')![0] as [Submitted]
    expect(input.resolution).toBe('已清淤，排水恢复')
    expect(input.photos).toHaveLength(1)
    expect(input.photos[0]).toMatchObject({ kind: 'file', mime: 'application/pdf', name: '关于东街排水沟的回复函.pdf', size: PDF.length })
  })

  it.each([
    ['zh-CN', zh.attachment.file.wrongType],
    ['en', en.attachment.file.wrongType],
  ] as const)('refuses an HTML page named .pdf in words (%s), adding nothing', async (locale, words) => {
    const wrapper = await mountForm(locale)
    await choose(wrapper, '<!doctype html><script>alert(1)</script>', 'letter.pdf')
    await vi.waitFor(() => expect(wrapper.get('[role="alert"]').text()).toBe(words))
    expect(wrapper.findAll('.attachment-list__item')).toHaveLength(0)
  })
})
