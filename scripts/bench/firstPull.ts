import type { EnrolResponse } from '@shared/api/identity'
import type { Device } from '../../tests/e2e/support/browser'
import { launchDevice, waitForServiceWorkerControl } from '../../tests/e2e/support/browser'
import { enrolAs } from '../../tests/e2e/support/enrol'
import type { RunningServer } from '../../tests/e2e/support/server'

export interface FirstPullFigures {
  /** Suggestions in IndexedDB at the end (the village's whole history). */
  rows: number
  /** As a person does it: from tapping 登记 until the round finished, the suggestion list on screen. */
  enrolledMs: number
  /** The same pull on the sync page (no list to render): the sync engine and IndexedDB alone. */
  syncPageMs: number
}

interface LocalState {
  suggestions: number
  synced: boolean
}

// The in-page scripts are plain JavaScript on purpose: tsx compiles with esbuild's keepNames,
// which wraps TypeScript functions in a `__name()` helper that the page does not have.
const openAppDb = `
  const ask = (request) => new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result)
    request.onerror = () => reject(request.error)
  })
  const open = () => ask(indexedDB.open('yehua'))`

/**
 * Resolves once the app's IndexedDB holds `expected` suggestions and a sync round has finished
 * (the app writes `lastSyncedAt` then), checking every 50 ms, or after `timeoutMs` with what it has.
 */
function waitForRowsScript(expected: number, timeoutMs: number): string {
  return `(async () => {${openAppDb}
    const read = async () => {
      const db = await open()
      try {
        const tx = db.transaction(['suggestions', 'meta'], 'readonly')
        const [suggestions, lastSync] = await Promise.all([
          ask(tx.objectStore('suggestions').count()),
          ask(tx.objectStore('meta').get('lastSyncedAt')),
        ])
        return { suggestions, synced: lastSync !== undefined }
      } finally {
        db.close()
      }
    }
    const deadline = Date.now() + ${timeoutMs}
    for (;;) {
      const state = await read()
      if ((state.synced && state.suggestions >= ${expected}) || Date.now() > deadline) return state
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
  })()`
}

/** Stores a session the way enrolling does (`meta.session`, the township and the village). */
function injectSessionScript(session: EnrolResponse): string {
  return `(async () => {${openAppDb}
    const session = ${JSON.stringify(session)}
    const db = await open()
    try {
      const tx = db.transaction(['meta', 'townships', 'villages'], 'readwrite')
      tx.objectStore('meta').put({ key: 'session', value: session })
      tx.objectStore('townships').put(session.township)
      if (session.village) tx.objectStore('villages').put(session.village)
      await new Promise((resolve, reject) => { tx.oncomplete = resolve; tx.onerror = () => reject(tx.error) })
    } finally {
      db.close()
    }
  })()`
}

/** A fresh phone with the app loaded and its service worker in control (its precache done). */
async function freshPhone(server: RunningServer): Promise<Device> {
  const device = await launchDevice({ baseURL: server.url })
  await device.page.goto('/enrol')
  await waitForServiceWorkerControl(device.page)
  return device
}

/** Wait for the first sync to bring `expected` suggestions; ms since `started`. Throws on a shortfall. */
async function untilPulled(device: Device, expected: number, started: number, timeoutMs: number): Promise<number> {
  const state = await device.page.evaluate<LocalState>(waitForRowsScript(expected, timeoutMs))
  const ms = performance.now() - started
  if (!state.synced || state.suggestions !== expected) {
    throw new Error(`first pull ended with ${state.suggestions} of ${expected} suggestions (synced: ${state.synced})`)
  }
  if (device.errors.length > 0) throw new Error(`the page reported errors:\n${device.errors.join('\n')}`)
  return ms
}

/**
 * Two freshly enrolled phones in headless Chromium run the real app's first sync of a village
 * holding `expected` suggestions: one enrolled through the UI with `code` (it lands on the
 * suggestion list, as a person does), one given `session` directly and opened on the sync page.
 * Each has its service worker installed first, so the precache does not compete with the pull.
 */
export async function benchFirstPull(
  server: RunningServer,
  enrol: { code: string; session: EnrolResponse },
  expected: number,
  timeoutMs = 300_000,
): Promise<FirstPullFigures> {
  const person = await freshPhone(server)
  let enrolledMs: number
  try {
    const started = performance.now()
    await enrolAs(person.page, enrol.code)
    enrolledMs = await untilPulled(person, expected, started, timeoutMs)
  } finally {
    await person.close()
  }

  const quiet = await freshPhone(server)
  try {
    await quiet.page.evaluate(injectSessionScript(enrol.session))
    const started = performance.now()
    await quiet.page.goto('/sync')
    const syncPageMs = await untilPulled(quiet, expected, started, timeoutMs)
    return { rows: expected, enrolledMs, syncPageMs }
  } finally {
    await quiet.close()
  }
}
