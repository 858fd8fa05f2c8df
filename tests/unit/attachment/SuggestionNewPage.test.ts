import 'fake-indexeddb/auto'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { VueWrapper } from '@vue/test-utils'
import SuggestionNewPage from '@app/pages/SuggestionNewPage.vue'
import AttachmentPhotoButton from '@app/components/attachment/AttachmentPhotoButton.vue'
import zh from '@app/locales/zh-CN'
import { useDb } from '@app/db'
import { mountWithApp } from '../helpers/mount'
import { resetDb, sessionAs, settle } from '../escalation/fixtures'
import { photoDraft } from './fixtures'

let mounted: VueWrapper | undefined

beforeEach(async () => {
  await resetDb()
  await useDb().blobs.clear()
})
afterEach(() => {
  mounted?.unmount()
  mounted = undefined
})

async function openForm() {
  const { wrapper, router } = await mountWithApp(SuggestionNewPage, { route: '/suggestions/new', session: sessionAs('cadre') })
  mounted = wrapper
  return { wrapper, router }
}

/** What the photo button emits after the person took a picture (canvas work is in the browser test). */
async function takePhoto(wrapper: VueWrapper, seed: number) {
  const draft = await photoDraft(seed)
  wrapper.findComponent(AttachmentPhotoButton).vm.$emit('add', draft)
  await settle()
  return draft
}

const button = (wrapper: VueWrapper, text: string) => wrapper.findAll('button').find((b) => b.text() === text)

describe('SuggestionNewPage with photos', () => {
  it('offers the camera and the album for photos, and a voice recorder or why there is none', async () => {
    const { wrapper } = await openForm()
    const inputs = wrapper.findAll('input[type="file"]')
    expect(inputs.map((i) => [i.attributes('accept'), i.attributes('capture') ?? null])).toEqual([
      ['image/*', 'environment'],
      ['image/*', null],
    ])
    expect(wrapper.text()).toContain(zh.attachment.photo.take)
    expect(wrapper.text()).toContain(zh.attachment.photo.pick)
    // happy-dom has no MediaRecorder: the person is told, instead of a button that does nothing.
    expect(wrapper.get('.attachment-voice__problem').text()).toBe(zh.attachment.voice.unsupported)
    expect(wrapper.find('button[aria-pressed]').exists()).toBe(false)
  })

  it('lists taken photos, lets one be removed before saving, and saves the suggestion with the rest in one go', async () => {
    const { wrapper, router } = await openForm()
    await wrapper.get('textarea[name="content"]').setValue('村东头的路灯坏了三个月')
    const removed = await takePhoto(wrapper, 1)
    const kept = await takePhoto(wrapper, 2)
    expect(wrapper.findAll('img').map((img) => img.attributes('alt'))).toEqual(['照片 1', '照片 2'])

    await button(wrapper, zh.attachment.list.remove.replace('{name}', '照片 1'))!.trigger('click')
    expect(wrapper.findAll('img').map((img) => img.attributes('alt'))).toEqual(['照片 1'])

    await wrapper.get('form').trigger('submit')
    // The first write loads the write path (zod, the shared mutations): give a busy machine time.
    await vi.waitFor(() => expect(router.currentRoute.value.name).toBe('suggestions'), { timeout: 10_000 })

    const db = useDb()
    const [suggestion] = await db.suggestions.toArray()
    expect(suggestion).toMatchObject({ content: '村东头的路灯坏了三个月', attachmentIds: [kept.id] })
    expect(await db.attachments.toArray()).toEqual([
      expect.objectContaining({
        id: kept.id, sha256: kept.sha256, kind: 'photo', mime: 'image/jpeg', size: 64,
        subjectType: 'suggestion', subjectId: suggestion!.id,
      }),
    ])
    expect((await db.outbox.toArray()).map((e) => e.name)).toEqual(['suggestion.create', 'attachment.add'])
    expect((await db.blobs.toArray()).map((b) => [b.sha256, b.state])).toEqual([[kept.sha256, 'pending']])
    expect(await db.blobs.get(removed.sha256)).toBeUndefined()
  })

  it('says the phone is full when the photo does not fit, and keeps neither the suggestion nor the photo', async () => {
    const db = useDb()
    const full = () => {
      throw Object.assign(new Error('The quota has been exceeded.'), { name: 'QuotaExceededError' })
    }
    db.blobs.hook('creating', full)
    try {
      const { wrapper, router } = await openForm()
      await wrapper.get('textarea[name="content"]').setValue('东街排水沟堵了，下雨积水')
      await takePhoto(wrapper, 6)
      await wrapper.get('form').trigger('submit')

      const words = zh.errors.notSaved.replace('{reason}', zh.errors.storage.quota)
      await vi.waitFor(() => expect(document.body.textContent).toContain(words), { timeout: 10_000 })
      expect(router.currentRoute.value.name).toBe('suggestion-new')
      expect(await db.suggestions.count()).toBe(0)
      expect(await db.attachments.count()).toBe(0)
      expect(await db.outbox.count()).toBe(0)
      expect(await db.blobs.count()).toBe(0)
      // The photo is still in the form, to save again once there is room.
      expect(wrapper.findAll('img').map((img) => img.attributes('alt'))).toEqual(['照片 1'])
    } finally {
      db.blobs.hook('creating').unsubscribe(full)
    }
  })

  it('counts photos as unsaved input, so the app holds back updates while they are not saved', async () => {
    const { wrapper } = await openForm()
    const dirty = () => wrapper.findComponent({ name: 'SuggestionForm' }).emitted('update:dirty')?.at(-1)
    await takePhoto(wrapper, 3)
    expect(dirty()).toEqual([true])
    await button(wrapper, zh.suggestion.form.reset)!.trigger('click')
    expect(wrapper.findAll('img')).toHaveLength(0)
    expect(dirty()).toEqual([false])
  })
})
