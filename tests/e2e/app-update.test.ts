import { cp, mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import type { Page } from 'playwright-core'
import zh from '@app/locales/zh-CN'
import {
  buildIntoTempDir,
  enrolAs,
  expectVisible,
  freshCode,
  goOffline,
  goOnline,
  startServer,
  unsent,
  useDevice,
  waitForServiceWorkerControl,
} from './harness'
import type { RunningServer } from './harness'
import { waitForSent } from './support/outbox'

// Build A is the run's build (package.json's version); build B is the same code released as
// another version. The server serves a folder of its own, which starts as A and becomes B.
const versionB = '0.1.0-b'
let served: string
let buildB: string
let running: RunningServer | undefined
const server = (): RunningServer => {
  if (!running) throw new Error('the server is not running')
  return running
}

beforeAll(async () => {
  buildB = await buildIntoTempDir({ version: versionB })
  served = await mkdtemp(path.join(os.tmpdir(), 'yehua-e2e-served-'))
  await cp(inject('e2eDistDir'), served, { recursive: true })
  running = await startServer({ distDir: served })
})
afterAll(async () => {
  await running?.stop()
  await Promise.all([served, buildB].filter(Boolean).map((dir) => rm(dir, { recursive: true, force: true })))
})
const device = useDevice(server)

/** Release B: its files over A's in the served folder (A's hashed assets stay, as on a real server). */
const release = () => cp(buildB, served, { recursive: true, force: true })
/** What the app's hourly check does (and the browser on a navigation): ask the server for a newer sw.js. */
const checkForUpdate = (page: Page) => page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.update())
/** The version 我的 shows. */
async function shownVersion(page: Page): Promise<string> {
  await page.getByRole('link', { name: zh.app.nav.settings }).click()
  const cell = page.locator('.van-cell').filter({ hasText: zh.settings.about.version })
  await expectVisible(cell)
  return (await cell.locator('.van-cell__value').innerText()).trim()
}

describe('a new version of the app reaches a phone in the session of its first visit', () => {
  it('prompts, waits for the open form, reloads into B and keeps the unsent change, which is then sent', async () => {
    const { page, context, errors } = device()
    // The first visit: no worker controlled this page when it registered (vite-plugin-pwa #789).
    await page.goto('/')
    await waitForServiceWorkerControl(page)
    await expectVisible(page.getByText(zh.app.update.offlineReady, { exact: true }))
    await enrolAs(page, await freshCode(server(), 'cadre', '刘土城村'))
    const versionA = await shownVersion(page)
    expect(versionA).not.toBe(versionB)

    // A change that cannot be sent: the server does not answer this phone's sync for now.
    await context.route('**/api/sync/**', (route) => route.abort('connectionfailed'))
    await page.getByRole('link', { name: zh.app.nav.suggestions }).click()
    await page.getByRole('button', { name: zh.suggestion.list.add }).click()
    const first = '村北的水井盖子松了，小孩在旁边玩不安全'
    await page.getByLabel(zh.suggestion.form.content).fill(first)
    await page.getByRole('button', { name: zh.suggestion.form.save }).click()
    await page.waitForURL((url) => url.pathname === '/suggestions')
    await expectVisible(page.getByText(unsent(1)))

    await release()
    await checkForUpdate(page)
    const prompt = page.getByTestId('update-prompt')
    await expectVisible(prompt.getByText(zh.app.update.ready), 30_000)

    // The cadre is typing a second suggestion: agreeing now only defers the update.
    await page.getByRole('button', { name: zh.suggestion.list.add }).click()
    const second = '村小学门口的减速带被压坏了'
    await page.getByLabel(zh.suggestion.form.content).fill(second)
    await prompt.getByRole('button', { name: zh.app.update.apply, exact: true }).click()
    await expectVisible(prompt.getByText(zh.app.update.deferred))
    expect(await page.getByLabel(zh.suggestion.form.content).inputValue()).toBe(second)

    // Saving closes the form; B takes over and the page loads again as B.
    const reloaded = page.waitForEvent('load', { timeout: 30_000 })
    await page.getByRole('button', { name: zh.suggestion.form.save }).click()
    await reloaded
    expect(await shownVersion(page)).toBe(versionB)
    expect(await page.evaluate(() => navigator.serviceWorker.controller?.state)).toBe('activated')

    // Both changes are still on the phone, unsent; once the server answers they go.
    await page.getByRole('link', { name: zh.app.nav.suggestions }).click()
    for (const content of [first, second]) await expectVisible(page.getByRole('listitem').filter({ hasText: content }))
    await expectVisible(page.getByText(unsent(2)))
    await context.unroute('**/api/sync/**')
    // Coming back online is one of the app's reasons to sync at once.
    await goOffline(context)
    await goOnline(context)
    await waitForSent(page)
    expect(errors.filter((e) => !e.includes('ERR_CONNECTION_FAILED') && !e.includes('Failed to fetch'))).toEqual([])
  })
})
