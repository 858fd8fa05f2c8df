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

  it('says it cannot show a photo that is not on the phone while there is no network, and fetches it once back online', async () => {
    // The network is the browser's: unit tests have no server, so it is cut here, then restored.
    const setOnline = (online: boolean) => {
      Object.defineProperty(navigator, 'onLine', { value: online, configurable: true })
      window.dispatchEvent(new Event(online ? 'online' : 'offline'))
    }
    setOnline(false)
    vi.stubGlobal('fetch', () => Promise.reject(new TypeError('Failed to fetch')))
    const bytes = photoBytes(7)
    const suggestion = aSuggestion({ content: '小学门口要个减速带' })
    await seed({ suggestions: [suggestion] })
    await useDb().attachments.put(anAttachment({ subjectId: suggestion.id, sha256: 'c'.repeat(64) }))

    const wrapper = await open(suggestion.id, '小学门口要个减速带')
    await vi.waitFor(() => expect(wrapper.text()).toContain(`照片 1：${zh.attachment.list.missing.offline}`))
    expect(wrapper.find('img').exists()).toBe(false)

    const asked: string[] = []
    vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
      asked.push(`${url} ${new Headers(init.headers).get('authorization')}`)
      return new Response(bytes, { headers: { 'content-type': 'image/jpeg' } })
    })
    setOnline(true)

    await vi.waitFor(() => expect(wrapper.find('img').exists()).toBe(true))
    expect(asked).toEqual([`/api/blobs/${'c'.repeat(64)} Bearer ${sessionAs('cadre').token}`])
    expect(await useDb().blobs.get('c'.repeat(64))).toMatchObject({ mime: 'image/jpeg', size: 64, state: 'uploaded' })
  })

  it('shows each as the type the server serves it with, not as its row claims', async () => {
    // Rows that claim a photo over bytes the server sniffed as something else at upload (an SVG
    // with script, served as a download), and a voice note over a PNG.
    const suggestion = aSuggestion({ content: '村口的告示牌倒了' })
    const svg = anAttachment({ subjectId: suggestion.id, kind: 'photo', mime: 'image/svg+xml', sha256: 'd'.repeat(64) })
    const png = anAttachment({
      subjectId: suggestion.id, kind: 'audio', mime: 'audio/webm', sha256: 'e'.repeat(64), createdAt: '2026-10-02T00:00:00.000Z',
    })
    await seed({ suggestions: [suggestion] })
    await useDb().attachments.bulkPut([svg, png])
    const served: Record<string, string> = { ['d'.repeat(64)]: 'application/octet-stream', ['e'.repeat(64)]: 'image/png' }
    vi.stubGlobal('fetch', async (url: string) => {
      const type = served[url.split('/').pop()!]!
      return new Response(photoBytes(3), { headers: { 'content-type': type } })
    })

    const wrapper = await open(suggestion.id, '村口的告示牌倒了')

    await vi.waitFor(() => expect(wrapper.findAll('.attachment-media__download')).toHaveLength(1))
    expect(wrapper.get('.attachment-media__download').text()).toBe(zh.attachment.list.download.replace('{name}', '照片 1'))
    expect(wrapper.get('.attachment-media__download').attributes('download')).toBe('照片 1')
    await vi.waitFor(() => expect(wrapper.findAll('img')).toHaveLength(1))
    expect(wrapper.get('img').attributes('alt')).toBe('录音 1')
    expect(wrapper.find('audio').exists()).toBe(false)
  })

  it('shows no section when the suggestion has none', async () => {
    const suggestion = aSuggestion({ content: '村里的广场舞音响太响' })
    await seed({ suggestions: [suggestion] })
    const wrapper = await open(suggestion.id, '村里的广场舞音响太响')
    expect(wrapper.text()).not.toContain(zh.attachment.gallery.title)
  })
})
