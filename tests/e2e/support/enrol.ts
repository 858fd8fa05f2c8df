import type { Page } from 'playwright-core'
import zh from '@app/locales/zh-CN'
import { waitForServiceWorkerControl } from './browser'
import { freshCode } from './codes'
import type { RunningServer } from './server'

/**
 * Enrols the device the way a person does: opens `/enrol` (unless already there), types the code
 * into the field labelled 登记码, taps 登记 and waits until the app leaves the enrol page.
 * Throws with the page's visible text when it stays on `/enrol` (a wrong code, no network…).
 *
 * @example
 * await enrolAs(page, codeFor(server(), 'cadre', '刘土城村'))
 */
export async function enrolAs(page: Page, code: string, timeoutMs = 15_000): Promise<void> {
  if (new URL(page.url(), 'http://x').pathname !== '/enrol') await page.goto('/enrol')
  await page.getByLabel(zh.enrol.code, { exact: true }).fill(code)
  await page.getByRole('button', { name: zh.enrol.submit, exact: true }).click()
  try {
    await page.waitForURL((url) => url.pathname !== '/enrol', { timeout: timeoutMs })
  } catch {
    const text = await page.locator('body').innerText().catch(() => '')
    throw new Error(`enrolment with code ${code} did not leave /enrol; the page says:\n${text}`)
  }
}

/**
 * A township desk at 1280×800: opens `/enrol`, waits for the service worker, enrols with a fresh
 * township code and waits for the queue's address.
 *
 * @example
 * await enrolDesk(page, server())
 */
export async function enrolDesk(page: Page, server: RunningServer): Promise<void> {
  await page.setViewportSize({ width: 1280, height: 800 })
  await page.goto('/enrol')
  await waitForServiceWorkerControl(page)
  await enrolAs(page, await freshCode(server, 'township'))
  await page.waitForURL((url) => url.pathname === '/township')
}
