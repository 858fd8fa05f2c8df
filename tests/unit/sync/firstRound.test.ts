import 'fake-indexeddb/auto'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import type { SyncTransport } from '@app/sync/transport'
import { useSessionStore } from '@app/stores/session'
import { useSyncStore } from '@app/stores/sync'
import { sessionFixture } from '../helpers/session'

/** A server that is not there, counting the pulls the phone tries. */
function countingTransport() {
  const pulls = vi.fn(async () => ({ ok: false as const, status: 0, code: 'offline' as const }))
  const transport: SyncTransport = { push: async () => ({ ok: false, status: 0, code: 'offline' }), pull: pulls }
  return { transport, pulls }
}

async function startedStore() {
  setActivePinia(createPinia())
  useSessionStore().session = sessionFixture()
  useSessionStore().loaded = true
  return useSyncStore()
}

let stop: (() => void) | null = null
afterEach(() => {
  stop?.()
  stop = null
})

describe('the first sync round at the app start', () => {
  it('waits for the first screen when asked to, and starts once it is up', async () => {
    const sync = await startedStore()
    stop = sync.stop
    const { transport, pulls } = countingTransport()
    let firstScreenUp!: () => void
    await sync.start(transport, new Promise<void>((resolve) => (firstScreenUp = resolve)))
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(pulls).not.toHaveBeenCalled()
    firstScreenUp()
    await vi.waitFor(() => expect(pulls).toHaveBeenCalled())
  })

  it('runs at once when the network comes back meanwhile', async () => {
    const sync = await startedStore()
    stop = sync.stop
    const { transport, pulls } = countingTransport()
    await sync.start(transport, new Promise<void>(() => undefined))
    window.dispatchEvent(new Event('online'))
    await vi.waitFor(() => expect(pulls).toHaveBeenCalled())
  })

  it('runs at once without a first screen to wait for', async () => {
    const sync = await startedStore()
    stop = sync.stop
    const { transport, pulls } = countingTransport()
    await sync.start(transport)
    await vi.waitFor(() => expect(pulls).toHaveBeenCalled())
  })
})
