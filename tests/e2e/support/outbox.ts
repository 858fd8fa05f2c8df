import { expect } from 'vitest'
import type { Page } from 'playwright-core'

/** How many changes wait in the phone's outbox, read from its IndexedDB the way the app stores them. */
export function outboxCount(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open('yehua')
        open.onerror = () => reject(open.error)
        open.onsuccess = () => {
          const db = open.result
          if (!db.objectStoreNames.contains('outbox')) {
            db.close()
            resolve(0)
            return
          }
          const count = db.transaction('outbox', 'readonly').objectStore('outbox').count()
          count.onsuccess = () => {
            db.close()
            resolve(count.result)
          }
          count.onerror = () => reject(count.error)
        }
      }),
  )
}

/**
 * Waits until every change the phone made has reached the server (its outbox is empty). The
 * unsent badge is no signal for this: it stays hidden for the first seconds of a normal send.
 */
export async function waitForSent(page: Page, timeoutMs = 30_000): Promise<void> {
  await expect.poll(() => outboxCount(page), { timeout: timeoutMs, message: `changes still unsent after ${timeoutMs} ms` }).toBe(0)
}
