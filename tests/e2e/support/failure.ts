import { mkdir } from 'node:fs/promises'
import path from 'node:path'
import type { Page } from 'playwright-core'
import type { TestContext } from 'vitest'
import { resultsDir } from './paths'

/** `pwa.test.ts > offline > renders the shell` → `pwa.test.ts--offline--renders-the-shell`. */
export function failureName(context: Pick<TestContext, 'task'>): string {
  const parts: string[] = [context.task.name]
  for (let suite = context.task.suite; suite; suite = suite.suite) if (suite.name) parts.unshift(suite.name)
  parts.unshift(path.basename(context.task.file.name))
  return parts.join('--').replace(/[^\p{L}\p{N}._-]+/gu, '-').slice(0, 180)
}

/**
 * When the current test has failed, saves a full-page screenshot of `page` as
 * `test-results/<file>--<suite>--<test>.png` and returns its path; otherwise does nothing.
 * Call it from `afterEach` before the page is closed.
 */
export async function screenshotIfFailed(context: Pick<TestContext, 'task'>, page: Page): Promise<string | null> {
  if (context.task.result?.state !== 'fail' || page.isClosed()) return null
  await mkdir(resultsDir, { recursive: true })
  const file = path.join(resultsDir, `${failureName(context)}.png`)
  await page.screenshot({ path: file, fullPage: true, timeout: 10_000 }).catch(() => undefined)
  return file
}
