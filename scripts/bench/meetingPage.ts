// In-page scripts for bench:meeting. They are plain JavaScript strings on purpose: tsx compiles
// with esbuild's keepNames, which wraps TypeScript functions in a `__name()` helper the page lacks.
import type { Page } from 'playwright-core'
import type { EnrolResponse } from '@shared/api/identity'
import type { VillageHistory } from './meetingSeed'

const openAppDb = `
  const ask = (request) => new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result)
    request.onerror = () => reject(request.error)
  })
  const open = () => ask(indexedDB.open('yehua'))`

/** Resolves once the app has created its IndexedDB database (it does so while reading the session). */
export async function waitForAppDb(page: Page, timeoutMs = 30_000): Promise<void> {
  await page.waitForFunction(
    `indexedDB.databases().then((all) => all.some((db) => db.name === 'yehua' && db.version > 0))`,
    undefined,
    { timeout: timeoutMs, polling: 100 },
  )
}

/**
 * Writes the session (as enrolling does) and the village's whole history into the app's
 * IndexedDB in one transaction, and marks the browser as enrolled. Resolves to the rows written.
 */
export async function seedPhone(page: Page, session: EnrolResponse, history: VillageHistory): Promise<number> {
  const { tonight: _tonight, ...tables } = history
  return page.evaluate(`(async () => {${openAppDb}
    const session = ${JSON.stringify(session)}
    const tables = ${JSON.stringify(tables)}
    const db = await open()
    try {
      const names = ['meta', 'townships', 'villages', ...Object.keys(tables)]
      const tx = db.transaction(names, 'readwrite')
      tx.objectStore('meta').put({ key: 'session', value: session })
      tx.objectStore('townships').put(session.township)
      if (session.village) tx.objectStore('villages').put(session.village)
      let written = 0
      for (const [name, rows] of Object.entries(tables)) {
        const store = tx.objectStore(name)
        for (const row of rows) store.put(row)
        written += rows.length
      }
      await new Promise((resolve, reject) => { tx.oncomplete = resolve; tx.onerror = () => reject(tx.error) })
      localStorage.setItem('yehua.enrolled', '1')
      return written
    } finally {
      db.close()
    }
  })()`)
}

/**
 * A script that resolves, once \`ready()\` (a JavaScript expression) holds, to the milliseconds
 * since \`t0\` (performance.now()) — measured at the next frame after the DOM change, so the
 * change had its chance to be laid out and painted. Watches DOM mutations, never sleeps.
 */
function untilReady(ready: string, timeoutMs: number): string {
  return `new Promise((resolve, reject) => {
    const ready = () => { try { return ${ready} } catch { return false } }
    const painted = () => requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - t0), 0))
    if (ready()) return painted()
    const observer = new MutationObserver(() => {
      if (!ready()) return
      observer.disconnect()
      clearTimeout(timer)
      painted()
    })
    observer.observe(document.documentElement, { childList: true, subtree: true, characterData: true, attributes: true })
    const timer = setTimeout(() => { observer.disconnect(); reject(new Error('not ready after ${timeoutMs} ms: ' + (document.body?.innerText ?? "").slice(0, 500))) }, ${timeoutMs})
  })`
}

/** The report-back step's list with at least one item. */
const reportListed = `(document.querySelector('[aria-labelledby="run-report-heading"] .run-step__list')?.children.length ?? 0) > 0`

/** How many items the report-back step lists. */
export function reportItems(page: Page): Promise<number> {
  return page.evaluate(`document.querySelector('[aria-labelledby="run-report-heading"] .run-step__list')?.children.length ?? 0`)
}

/** Taps a step of the run sheet's step bar (by its accessible name) and times until `ready`. */
export function tapStep(page: Page, label: string, ready: string, timeoutMs = 10_000): Promise<number> {
  return page.evaluate(`(async () => {
    const button = [...document.querySelectorAll('button')].find((b) => b.getAttribute('aria-label') === ${JSON.stringify(label)})
    if (!button) throw new Error('no step button ' + ${JSON.stringify(label)})
    const t0 = performance.now()
    button.click()
    return await ${untilReady(ready, timeoutMs)}
  })()`)
}

/** From tapping 第 2 步 on the run sheet until the report-back list is on screen. */
export function tapReportBack(page: Page, label: string): Promise<number> {
  return tapStep(page, label, reportListed)
}

/**
 * Loads `path` afresh (the shell from the service worker, offline) and times from the start of
 * the navigation until `ready` holds and a frame has passed.
 */
export async function coldOpen(page: Page, path: string, ready: string, timeoutMs = 30_000): Promise<number> {
  await page.goto(path, { waitUntil: 'commit' })
  // performance.now() counts from the navigation's start: t0 is 0.
  return page.evaluate(`(async () => { const t0 = 0; return await ${untilReady(ready, timeoutMs)} })()`)
}

/** Cold-opens the report-back step of a meeting until its list is on screen. */
export function openReportBack(page: Page, meetingId: string): Promise<number> {
  return coldOpen(page, `/meetings/${meetingId}/run/report`, reportListed)
}

/**
 * With `text` typed into the discussion step's view box (and a speaker), taps 记下发言 and times
 * until the view shows in the list of views given.
 */
export async function recordView(page: Page, labels: { view: string; speaker: string; submit: string; list: string }, text: string): Promise<number> {
  await page.getByLabel(labels.view, { exact: true }).fill(text)
  await page.getByLabel(labels.speaker, { exact: true }).fill('王大爷')
  const ready = `[...(document.querySelector('ol[aria-label=${JSON.stringify(labels.list)}]')?.children ?? [])].some((li) => li.textContent.includes(${JSON.stringify(text)}))`
  return page.evaluate(`(async () => {
    const button = [...document.querySelectorAll('button[type="submit"]')].find((b) => b.textContent.trim() === ${JSON.stringify(labels.submit)})
    if (!button) throw new Error('no button ' + ${JSON.stringify(labels.submit)})
    const t0 = performance.now()
    button.click()
    return await ${untilReady(ready, 10_000)}
  })()`)
}
