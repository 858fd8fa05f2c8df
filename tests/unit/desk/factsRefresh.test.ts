import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { townshipActor } from '../builders'

/** A stand-in for the browser's Worker that records what it was asked, and can fail or answer. */
interface FakeWorker {
  url: string
  options: WorkerOptions
  messages: unknown[]
  emit: (type: 'error' | 'message', data?: unknown) => void
}

function stubWorker(): FakeWorker[] {
  const made: FakeWorker[] = []
  vi.stubGlobal('Worker', class {
    listeners = new Map<string, ((event: { data?: unknown }) => void)[]>()
    constructor(url: URL, options: WorkerOptions) {
      const messages: unknown[] = []
      this.postMessage = (message: unknown) => void messages.push(message)
      made.push({ url: String(url), options, messages, emit: (type, data) => this.listeners.get(type)?.forEach((f) => f({ data })) })
    }
    postMessage: (message: unknown) => void
    addEventListener(type: string, listener: (event: { data?: unknown }) => void) {
      this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener])
    }
    terminate() {}
  })
  return made
}

// Each case gets the module afresh: it keeps its worker (and whether it failed) for the page's life.
const load = () => import('@app/components/reports/factsRefresh')
const deriveHere = vi.fn(async () => undefined)
vi.mock('@app/components/reports/statsSource', () => ({ refreshStatsFacts: deriveHere }))

describe('the desk facts worker', () => {
  beforeEach(() => {
    vi.resetModules()
    deriveHere.mockClear()
  })
  afterEach(() => {
    vi.useRealTimers()
    vi.unstubAllGlobals()
  })

  it('is asked once, a while after the last of a burst of changes, with the actor only', async () => {
    const { REFRESH_DELAY_MS, refreshFactsSoon } = await load()
    vi.useFakeTimers()
    const made = stubWorker()
    const actor = { ...townshipActor(), extra: 'not sent' }
    refreshFactsSoon(actor)
    vi.advanceTimersByTime(REFRESH_DELAY_MS - 1)
    refreshFactsSoon(actor)
    vi.advanceTimersByTime(REFRESH_DELAY_MS - 1)
    expect(made).toHaveLength(0)
    vi.advanceTimersByTime(1)
    expect(made).toHaveLength(1)
    expect(made[0]!.url).toMatch(/statsFacts\.worker/)
    expect(made[0]!.options.type).toBe('module')
    const { role, townshipId, villageId } = actor
    expect(made[0]!.messages).toEqual([{ actor: { role, townshipId, villageId } }])

    refreshFactsSoon(actor)
    vi.advanceTimersByTime(REFRESH_DELAY_MS)
    expect(made).toHaveLength(1)
    expect(made[0]!.messages).toHaveLength(2)
  })

  it('is asked at once when the page finds the facts behind, not again while it works, and again after it answered', async () => {
    const { deriveFactsNow } = await load()
    const made = stubWorker()
    expect(deriveFactsNow(townshipActor())).toBe(true)
    expect(deriveFactsNow(townshipActor())).toBe(true)
    // once the page is idle: the worker's reading slowed the page's first paint
    await vi.waitFor(() => expect(made[0]?.messages).toHaveLength(1))
    made[0]!.emit('message', { ok: true })
    deriveFactsNow(townshipActor())
    await vi.waitFor(() => expect(made[0]!.messages).toHaveLength(2))
  })

  it('gives way to the page deriving them itself where there are no workers, or once the worker failed', async () => {
    const { deriveFactsNow, refreshFactsSoon } = await load()
    vi.useFakeTimers()
    vi.stubGlobal('Worker', undefined)
    refreshFactsSoon(townshipActor())
    expect(vi.getTimerCount()).toBe(0)
    expect(deriveFactsNow(townshipActor())).toBe(false)
    vi.useRealTimers()

    const made = stubWorker()
    expect(deriveFactsNow(townshipActor())).toBe(true)
    await vi.waitFor(() => expect(made).toHaveLength(1))
    // its script could not load (offline before it was ever cached): derived on this thread instead
    made[0]!.emit('error')
    await vi.waitFor(() => expect(deriveHere).toHaveBeenCalledTimes(1))
    expect(deriveFactsNow(townshipActor())).toBe(false)
  })
})
