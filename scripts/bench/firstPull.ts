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

/** Empties every record table and forgets the cursor and the last sync, keeping the session. */
const forgetRowsScript = `(async () => {${openAppDb}
    const db = await open()
    try {
      const keep = new Set(['meta', 'outbox', 'rejections', 'base', 'blobs'])
      const names = [...db.objectStoreNames].filter((name) => !keep.has(name))
      const tx = db.transaction([...names, 'meta'], 'readwrite')
      for (const name of names) tx.objectStore(name).clear()
      tx.objectStore('meta').delete('cursor')
      tx.objectStore('meta').delete('lastSyncedAt')
      await new Promise((resolve, reject) => { tx.oncomplete = resolve; tx.onerror = () => reject(tx.error) })
    } finally {
      db.close()
    }
  })()`

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
 * A freshly enrolled phone in headless Chromium runs the real app's first sync of a village
 * holding `expected` suggestions: enrolled through the UI with `code` (it lands on the suggestion
 * list, as a person does); then, emptied again, the same pull on the sync page. The service
 * worker is installed first, so the precache does not compete with the pull.
 */
export async function benchFirstPull(
  server: RunningServer,
  enrol: { code: string },
  expected: number,
  timeoutMs = 300_000,
): Promise<FirstPullFigures> {
  const person = await freshPhone(server)
  try {
    const started = performance.now()
    await enrolAs(person.page, enrol.code)
    const enrolledMs = await untilPulled(person, expected, started, timeoutMs)

    // The same phone again from an empty copy, on the sync page (no list to render). A phone that
    // never enrolled has no database until it enrols (the app creates it then), so this reuses
    // the one the app just made rather than writing a session into a database of our own.
    await person.page.goto('/settings')
    await person.page.evaluate(forgetRowsScript)
    const again = performance.now()
    await person.page.goto('/sync')
    const syncPageMs = await untilPulled(person, expected, again, timeoutMs)
    return { rows: expected, enrolledMs, syncPageMs }
  } finally {
    await person.close()
  }
}
