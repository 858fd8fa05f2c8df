import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { chromium } from 'playwright-core'
import type { BrowserContext, Page } from 'playwright-core'

/** Debian's Chromium; `.ci/run` installs it when missing. */
export const chromiumPath = '/usr/bin/chromium'

/** Flags that work headless on a small VM without a GPU or sandbox (docs/TOOLCHAIN.md). */
export const chromiumFlags = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

/** Chromium's console line for a request made while the device is offline (not an app error). */
const offlineRefusal = /^Failed to load resource: net::ERR_INTERNET_DISCONNECTED$/

/** A phone: a Chromium profile of its own (IndexedDB, service worker, cache) and its first tab. */
export interface Device {
  context: BrowserContext
  page: Page
  userDataDir: string
  /**
   * Uncaught page errors and `console.error` lines of every page of this device, in order; the
   * browser's own line for each request refused while offline is left out.
   */
  errors: string[]
  /** Closes the browser and deletes the profile. */
  close: () => Promise<void>
}

export interface LaunchOptions {
  /** Origin that relative `page.goto('/x')` paths resolve against. */
  baseURL?: string
  locale?: string
  colorScheme?: 'light' | 'dark'
  /** `'block'` measures a page load without the service worker's precache traffic. */
  serviceWorkers?: 'allow' | 'block'
  /** More Chromium flags, e.g. a fake microphone (`--use-fake-device-for-media-stream`). */
  args?: string[]
}

/**
 * Launches headless Chromium with a fresh profile, emulating a 390×844 phone at 2× in zh-CN,
 * with service workers allowed (unless `serviceWorkers: 'block'`).
 *
 * @example
 * const device = await launchDevice({ baseURL: server.url })
 * await device.page.goto('/')
 * await waitForServiceWorkerControl(device.page)
 */
export async function launchDevice(options: LaunchOptions = {}): Promise<Device> {
  const userDataDir = await mkdtemp(path.join(os.tmpdir(), 'yehua-e2e-profile-'))
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: chromiumPath,
    headless: true,
    args: [...chromiumFlags, ...(options.args ?? [])],
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: options.locale ?? 'zh-CN',
    colorScheme: options.colorScheme ?? 'light',
    serviceWorkers: options.serviceWorkers ?? 'allow',
    ...(options.baseURL ? { baseURL: options.baseURL } : {}),
  })
  const errors: string[] = []
  const watch = (page: Page): void => {
    page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`))
    page.on('console', (message) => {
      // Chromium logs every request refused while offline; a test goes offline on purpose.
      const text = message.text()
      if (message.type() === 'error' && !offlineRefusal.test(text)) errors.push(`console.error: ${text}`)
    })
  }
  context.pages().forEach(watch)
  context.on('page', watch)
  const page = context.pages()[0] ?? (await context.newPage())
  const close = async (): Promise<void> => {
    await context.close()
    await rm(userDataDir, { recursive: true, force: true })
  }
  return { context, page, userDataDir, errors, close }
}

/**
 * Resolves once a service worker controls the page: at once if it already does, else when
 * `navigator.serviceWorker.controller` is set by the `controllerchange` that follows the first
 * install (about a second after the first load). Polls on animation frames, never sleeps.
 */
export async function waitForServiceWorkerControl(page: Page, timeoutMs = 30_000): Promise<void> {
  await page.waitForFunction(() => navigator.serviceWorker?.controller != null, undefined, { timeout: timeoutMs })
}

/** Cuts the whole profile off the network: pages, fetches and the service worker's own requests. */
export async function goOffline(context: BrowserContext): Promise<void> {
  await context.setOffline(true)
}

/** Restores the network after {@link goOffline}. */
export async function goOnline(context: BrowserContext): Promise<void> {
  await context.setOffline(false)
}
