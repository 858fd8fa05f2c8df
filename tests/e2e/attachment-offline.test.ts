import { createHash } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { chromium } from 'playwright-core'
import type { Page } from 'playwright-core'
import zh from '@app/locales/zh-CN'
import {
  chromiumFlags,
  chromiumPath,
  enrolAs,
  expectVisible,
  freshCode,
  goOffline,
  goOnline,
  unsent,
  useDevice,
  useSecondDevice,
  useServer,
  waitForServiceWorkerControl,
} from './harness'

const server = useServer()
const device = useDevice(server)
const otherPhone = useSecondDevice(server, 'second phone')


/** A 3200×2400 PNG (a page of the paper opinion book, larger than the app keeps), drawn in the page. */
async function bookPagePng(page: Page): Promise<Buffer> {
  const dataUrl = await page.evaluate(() => {
    const canvas = document.createElement('canvas')
    canvas.width = 3200
    canvas.height = 2400
    const g = canvas.getContext('2d')!
    const gradient = g.createLinearGradient(0, 0, 3200, 2400)
    gradient.addColorStop(0, '#f5e6c8')
    gradient.addColorStop(1, '#8a6d3b')
    g.fillStyle = gradient
    g.fillRect(0, 0, 3200, 2400)
    g.fillStyle = '#222'
    g.font = '160px sans-serif'
    g.fillText('意见簿 第3页 东街排水沟', 200, 1200)
    return canvas.toDataURL('image/png')
  })
  return Buffer.from(dataUrl.split(',')[1]!, 'base64')
}

interface StoredBlob {
  sha256: string
  mime: string
  state: string
  size: number
  width: number | null
  height: number | null
}

/** The blobs in this phone's IndexedDB, with each picture's pixel size decoded by the browser. */
function storedBlobs(page: Page): Promise<StoredBlob[]> {
  return page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('yehua')
      open.onerror = () => reject(open.error)
      open.onsuccess = () => resolve(open.result)
    })
    const rows = await new Promise<{ sha256: string; mime: string; state: string; size: number; bytes: ArrayBuffer }[]>(
      (resolve, reject) => {
        const all = db.transaction('blobs').objectStore('blobs').getAll()
        all.onerror = () => reject(all.error)
        all.onsuccess = () => resolve(all.result)
      },
    )
    db.close()
    return Promise.all(
      rows.map(async ({ sha256, mime, state, size, bytes }) => {
        const bitmap = mime.startsWith('image/') ? await createImageBitmap(new Blob([bytes], { type: mime })) : null
        return { sha256, mime, state, size, width: bitmap?.width ?? null, height: bitmap?.height ?? null }
      }),
    )
  })
}

/** This phone's device token, read from its IndexedDB (meta `session`). */
function tokenOf(page: Page): Promise<string> {
  return page.evaluate(
    () =>
      new Promise<string>((resolve, reject) => {
        const open = indexedDB.open('yehua')
        open.onerror = () => reject(open.error)
        open.onsuccess = () => {
          const get = open.result.transaction('meta').objectStore('meta').get('session')
          get.onerror = () => reject(get.error)
          get.onsuccess = () => {
            open.result.close()
            resolve((get.result as { value: { token: string } }).value.token)
          }
        }
      }),
  )
}

async function fetchBlob(sha256: string, token: string) {
  const response = await fetch(`${server().url}/api/blobs/${sha256}`, { headers: { authorization: `Bearer ${token}` } })
  const bytes = Buffer.from(await response.arrayBuffer())
  return { status: response.status, type: response.headers.get('content-type'), sha256: createHash('sha256').update(bytes).digest('hex') }
}

describe('a cadre photographs a page of the opinion book with no signal', () => {
  it('keeps the resized photo across a reload offline, uploads it when online, and a second phone sees it', async () => {
    const { page, context, errors } = device()
    await page.goto('/')
    await waitForServiceWorkerControl(page)
    await enrolAs(page, await freshCode(server(), 'cadre', '刘土城村'))
    const png = await bookPagePng(page)

    await goOffline(context)
    await page.reload()
    await page.getByRole('button', { name: zh.suggestion.list.add }).click()
    await page.getByLabel(zh.suggestion.form.content).fill('意见簿第三页：东街排水沟又堵了，下雨天积水到膝盖')
    await page.getByLabel(zh.attachment.photo.pick).setInputFiles({ name: 'page3.png', mimeType: 'image/png', buffer: png })
    await expectVisible(page.getByRole('img', { name: '照片 1' }))
    await page.getByRole('button', { name: zh.suggestion.form.save }).click()
    await page.waitForURL((url) => url.pathname === '/suggestions')
    await expectVisible(page.getByText(unsent(2)))

    // Resized on the phone: long edge 1600 px, aspect kept, re-encoded as JPEG, waiting for upload.
    const [blob, ...more] = await storedBlobs(page)
    expect(more).toEqual([])
    expect(blob).toMatchObject({ mime: 'image/jpeg', state: 'pending', width: 1600, height: 1200 })
    expect(blob!.size).toBeLessThan(png.length)

    await page.reload()
    await page.getByRole('listitem').filter({ hasText: '意见簿第三页' }).click()
    await expectVisible(page.getByRole('img', { name: '照片 1' }))
    await expectVisible(page.getByText(zh.attachment.gallery.unsent))
    const suggestionUrl = new URL(page.url()).pathname

    await goOnline(context)
    await expect.poll(() => page.getByTestId('unsent-badge').count(), { timeout: 30_000 }).toBe(0)
    await expect.poll(async () => (await storedBlobs(page)).map((b) => b.state)).toEqual(['uploaded'])
    await expect.poll(() => page.getByText(zh.attachment.gallery.unsent).count()).toBe(0)

    const served = await fetchBlob(blob!.sha256, await tokenOf(page))
    expect(served).toEqual({ status: 200, type: 'image/jpeg', sha256: blob!.sha256 })
    expect(errors).toEqual([])

    // Another cadre's phone has only the rows: it fetches the photo from the server and keeps it.
    const other = await otherPhone.open()
    await other.page.goto('/')
    await waitForServiceWorkerControl(other.page)
    await enrolAs(other.page, await freshCode(server(), 'cadre', '刘土城村'))
    await other.page.goto(suggestionUrl)
    await expectVisible(other.page.getByRole('img', { name: '照片 1' }), 30_000)
    await expect.poll(async () => (await storedBlobs(other!.page)).map((b) => [b.sha256, b.state])).toEqual([[blob!.sha256, 'uploaded']])
    expect(other.errors).toEqual([])
  })
})

describe('a collector records a villager’s voice', () => {
  let phone: { close(): Promise<void> } | undefined
  afterEach(async () => {
    await phone?.close()
    phone = undefined
  })

  it('records with the microphone, shows a player, saves and uploads the voice note', async () => {
    // Chromium's fake microphone (a beep), allowed without a prompt.
    const userDataDir = await mkdtemp(path.join(os.tmpdir(), 'yehua-e2e-voice-'))
    const context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: chromiumPath,
      headless: true,
      args: [...chromiumFlags, '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream'],
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
      locale: 'zh-CN',
      baseURL: server().url,
    })
    phone = {
      close: async () => {
        await context.close()
        await rm(userDataDir, { recursive: true, force: true })
      },
    }
    const page = context.pages()[0] ?? (await context.newPage())
    await page.goto('/')
    await waitForServiceWorkerControl(page)
    await enrolAs(page, await freshCode(server(), 'collector', '刘土城村'))

    await page.getByRole('button', { name: zh.suggestion.list.add }).click()
    await page.getByLabel(zh.suggestion.form.content).fill('孙大娘说：村西头的路灯一到晚上就不亮')
    await page.getByRole('button', { name: zh.attachment.voice.start }).click()
    await expectVisible(page.getByRole('timer'))
    await expect.poll(() => page.getByRole('timer').innerText(), { timeout: 10_000 }).toContain('0:02')
    await page.getByRole('button', { name: zh.attachment.voice.stop }).click()
    await expectVisible(page.getByLabel('录音 1'))
    await page.getByRole('button', { name: zh.suggestion.form.save }).click()
    await page.waitForURL((url) => url.pathname === '/suggestions')

    // Online: the round after the write uploads the voice note, then sends both mutations.
    await expect.poll(async () => (await storedBlobs(page)).map((b) => b.state), { timeout: 30_000 }).toEqual(['uploaded'])
    await expect.poll(() => page.getByTestId('unsent-badge').count(), { timeout: 30_000 }).toBe(0)
    const [voice] = await storedBlobs(page)
    expect(voice!.mime).toMatch(/^audio\/(webm|ogg|mp4)$/)
    const served = await fetchBlob(voice!.sha256, await tokenOf(page))
    expect(served).toEqual({ status: 200, type: voice!.mime, sha256: voice!.sha256 })
  })
})
