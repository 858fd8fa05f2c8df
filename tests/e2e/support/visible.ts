import type { Locator } from 'playwright-core'

/**
 * Waits until the locator is visible and fails the test with the page's visible text when it
 * does not become visible in time (playwright-core has no `expect`; vitest's cannot wait).
 */
export async function expectVisible(locator: Locator, timeoutMs = 10_000): Promise<void> {
  try {
    await locator.first().waitFor({ state: 'visible', timeout: timeoutMs })
  } catch {
    const text = await locator.page().locator('body').innerText({ timeout: 1_000 }).catch(() => '(no body)')
    throw new Error(`expected ${String(locator)} to be visible; the page shows:\n${text}`)
  }
}
