import { describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { z } from 'zod'
import zh from '@app/locales/zh-CN'
import {
  demoMember,
  enrolAs,
  expectVisible,
  goOffline,
  goOnline,
  useDevice,
  useServer,
  waitForServiceWorkerControl,
} from './harness'

const server = useServer()
const device = useDevice(server)

const manifestSchema = z.object({
  name: z.string(),
  start_url: z.string(),
  display: z.string(),
  icons: z.array(z.object({ src: z.string(), sizes: z.string(), type: z.string().optional(), purpose: z.string().optional() })),
})

/** Width and height from a PNG's IHDR chunk. */
function pngSize(bytes: Buffer): string {
  expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG')
  return `${bytes.readUInt32BE(16)}x${bytes.readUInt32BE(20)}`
}

/** First visit online: loads the app and waits until the service worker controls the page. */
async function install(page: Page): Promise<void> {
  await page.goto('/')
  await waitForServiceWorkerControl(page)
}

/** What a `fetch` from the page gets: status and content type, or the error it threw. */
function fetchFromPage(page: Page, url: string): Promise<{ status: number; type: string | null } | { error: string }> {
  return page.evaluate(async (target) => {
    try {
      const response = await fetch(target)
      return { status: response.status, type: response.headers.get('content-type') }
    } catch (error) {
      return { error: error instanceof Error ? error.name : String(error) }
    }
  }, url)
}

describe('PWA on a phone', () => {
  it('a first visit lands a fresh phone on the enrol page, controlled by the service worker', async () => {
    const { page, errors } = device()
    const response = await page.goto('/')
    expect(response?.status()).toBe(200)
    await waitForServiceWorkerControl(page)

    const scriptURL = await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL)
    expect(scriptURL).toBe(`${server().url}/sw.js`)
    await expectVisible(page.getByRole('heading', { name: zh.enrol.title }))
    expect(new URL(page.url()).pathname).toBe('/enrol')
    expect(errors).toEqual([])
  })

  it('serves a valid manifest whose icons are real PNGs of the declared sizes', async () => {
    const { page } = device()
    await page.goto('/')
    const href = await page.locator('link[rel="manifest"]').getAttribute('href')
    expect(href).toBeTruthy()
    const manifestUrl = new URL(href ?? '', page.url())

    const response = await fetch(manifestUrl)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toMatch(/^application\/manifest\+json/)
    const manifest = manifestSchema.parse(await response.json())
    expect(manifest).toMatchObject({ name: zh.app.title, start_url: '/', display: 'standalone' })
    expect(manifest.name).toBe('乡村夜话')

    const sizes = (purpose: string): string[] =>
      manifest.icons.filter((icon) => (icon.purpose ?? 'any').split(' ').includes(purpose)).map((icon) => icon.sizes)
    expect(sizes('any')).toEqual(expect.arrayContaining(['192x192', '512x512']))
    expect(sizes('maskable')).toContain('512x512')

    for (const icon of manifest.icons) {
      const iconResponse = await fetch(new URL(icon.src, manifestUrl))
      expect(iconResponse.status, icon.src).toBe(200)
      expect(iconResponse.headers.get('content-type'), icon.src).toBe('image/png')
      expect(pngSize(Buffer.from(await iconResponse.arrayBuffer())), icon.src).toBe(icon.sizes)
    }
  })

  it('offline, a reload still renders the app shell from the precache', async () => {
    const { page, context } = device()
    await install(page)
    await goOffline(context)
    expect(await fetchFromPage(page, '/api/health')).toEqual({ error: 'TypeError' })

    await page.reload()
    await expectVisible(page.getByRole('heading', { name: zh.enrol.title }))
    await expectVisible(page.getByRole('button', { name: zh.enrol.submit, exact: true }))
    await goOnline(context)
  })

  it('offline, a deep link typed into the address bar opens the app instead of an error page', async () => {
    const { page, context } = device()
    await install(page)
    await goOffline(context)

    const response = await page.goto('/suggestions/new')
    expect(response?.status()).toBe(200)
    await expectVisible(page.getByRole('heading', { name: zh.enrol.title }))
    expect(new URL(page.url()).pathname).toBe('/enrol')
  })

  it('offline, an enrolled phone opens /settings from the address bar with its session intact', async () => {
    const { page, context } = device()
    await install(page)
    const cadre = demoMember(server(), 'cadre', '刘土城村')
    await enrolAs(page, cadre.code)
    await goOffline(context)

    await page.goto('/settings')
    expect(new URL(page.url()).pathname).toBe('/settings')
    await expectVisible(page.getByText(zh.settings.language.title, { exact: true }))
    await expectVisible(page.getByText(cadre.name, { exact: true }))
    await expectVisible(page.getByText('刘土城村', { exact: true }))
  })

  it('offline, /api requests fail instead of being answered with index.html', async () => {
    const { page, context } = device()
    await install(page)
    expect(await fetchFromPage(page, '/api/health')).toEqual({ status: 200, type: expect.stringMatching(/json/) })
    expect(await fetchFromPage(page, '/api/nope')).toEqual({ status: 404, type: expect.stringMatching(/json/) })

    await goOffline(context)
    expect(await fetchFromPage(page, '/api/health')).toEqual({ error: 'TypeError' })
    expect(await fetchFromPage(page, '/api/session')).toEqual({ error: 'TypeError' })
    await expect(page.goto('/api/health')).rejects.toThrow(/ERR_INTERNET_DISCONNECTED/)
  })
})
