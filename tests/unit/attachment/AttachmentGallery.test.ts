import 'fake-indexeddb/auto'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { VueWrapper } from '@vue/test-utils'
import SuggestionDetailPage from '@app/pages/SuggestionDetailPage.vue'
import zh from '@app/locales/zh-CN'
import { useDb } from '@app/db'
import { aSuggestion, anAttachment } from '../builders'
import { mountWithApp } from '../helpers/mount'
import { resetDb, seed, sessionAs } from '../escalation/fixtures'
import { photoBytes, photoDraft } from './fixtures'

let mounted: VueWrapper | undefined

beforeEach(async () => {
  await resetDb()
  await useDb().blobs.clear()
})
afterEach(() => {
  mounted?.unmount()
  mounted = undefined
  vi.unstubAllGlobals()
})

async function open(suggestionId: string, content: string) {
  const { wrapper } = await mountWithApp(SuggestionDetailPage, { route: `/suggestions/${suggestionId}`, session: sessionAs('cadre') })
  mounted = wrapper
  await vi.waitFor(() => expect(wrapper.text()).toContain(content), { timeout: 5_000 })
  return wrapper
}

describe('the photos and voice notes of a suggestion', () => {
  it('shows a photo held on the phone, marked as not uploaded while unsent, and plays a voice note', async () => {
    const photo = await photoDraft(5)
    const suggestion = aSuggestion({ content: '东街排水沟堵了', attachmentIds: [] })
    const row = anAttachment({ id: photo.id, sha256: photo.sha256, subjectId: suggestion.id, version: 0 })
    const voice = anAttachment({ kind: 'audio', mime: 'audio/webm', sha256: 'b'.repeat(64), subjectId: suggestion.id, createdAt: '2026-10-02T00:00:00.000Z' })
    await seed({ suggestions: [suggestion] })
    await useDb().attachments.bulkPut([row, voice])
    await useDb().blobs.bulkPut([
      { sha256: photo.sha256, bytes: photo.bytes, mime: 'image/jpeg', size: photo.size, state: 'pending' },
      { sha256: voice.sha256, bytes: photoBytes(9), mime: 'audio/webm', size: 64, state: 'uploaded' },
    ])

    const wrapper = await open(suggestion.id, '东街排水沟堵了')

    await vi.waitFor(() => expect(wrapper.find('img').exists()).toBe(true))
    expect(wrapper.text()).toContain(zh.attachment.gallery.title)
    expect(wrapper.get('img').attributes()).toMatchObject({ alt: '照片 1', src: expect.stringMatching(/^blob:/) })
    await vi.waitFor(() => expect(wrapper.find('audio').exists()).toBe(true))
    expect(wrapper.get('audio').attributes()).toMatchObject({ 'aria-label': '录音 1', src: expect.stringMatching(/^blob:/) })
    expect(wrapper.findAll('.attachment-list__unsent').map((s) => s.text())).toEqual([zh.attachment.gallery.unsent])
  })

  it('says it cannot show a photo that is not on the phone while there is no network', async () => {
    vi.stubGlobal('fetch', () => Promise.reject(new TypeError('Failed to fetch')))
    const suggestion = aSuggestion({ content: '小学门口要个减速带' })
    await seed({ suggestions: [suggestion] })
    await useDb().attachments.put(anAttachment({ subjectId: suggestion.id }))

    const wrapper = await open(suggestion.id, '小学门口要个减速带')

    await vi.waitFor(() => expect(wrapper.text()).toContain(`照片 1：${zh.attachment.list.missing.offline}`))
    expect(wrapper.find('img').exists()).toBe(false)
  })

  it('shows no section when the suggestion has none', async () => {
    const suggestion = aSuggestion({ content: '村里的广场舞音响太响' })
    await seed({ suggestions: [suggestion] })
    const wrapper = await open(suggestion.id, '村里的广场舞音响太响')
    expect(wrapper.text()).not.toContain(zh.attachment.gallery.title)
  })
})
