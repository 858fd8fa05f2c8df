import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { effectScope } from 'vue'
import { useVoiceRecorder, type VoiceRecording } from '@app/composables/voiceRecorder'

// happy-dom has neither MediaRecorder nor a microphone: these stand in for the browser's, with
// the behaviour the composable relies on (events, state, mimeType). The real ones run in Chromium.
class StandInRecorder extends EventTarget {
  static supported = ['audio/webm;codecs=opus', 'audio/webm']
  static isTypeSupported = (type: string) => StandInRecorder.supported.includes(type)
  state: 'inactive' | 'recording' = 'inactive'
  constructor(
    readonly stream: MediaStream,
    readonly options?: { mimeType?: string },
  ) {
    super()
  }
  get mimeType() {
    return this.options?.mimeType ?? 'audio/webm'
  }
  start() {
    this.state = 'recording'
  }
  stop() {
    this.state = 'inactive'
    this.dispatchEvent(Object.assign(new Event('dataavailable'), { data: new Blob([new Uint8Array([1, 2, 3, 4])]) }))
    this.dispatchEvent(new Event('stop'))
  }
}

const track = { stop: vi.fn() }
const stream = { getTracks: () => [track] } as unknown as MediaStream

function microphone(answer: () => Promise<MediaStream>) {
  vi.stubGlobal('navigator', { ...navigator, mediaDevices: { getUserMedia: vi.fn(answer) } })
}

function recorder(maxSeconds?: number) {
  const recordings: VoiceRecording[] = []
  const scope = effectScope()
  const r = scope.run(() => useVoiceRecorder({ maxSeconds, onRecorded: (rec) => void recordings.push(rec) }))!
  return { r, recordings, scope }
}

describe('useVoiceRecorder', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'Date'] })
    vi.stubGlobal('MediaRecorder', StandInRecorder)
    track.stop.mockClear()
  })
  afterEach(() => {
    vi.useRealTimers()
    vi.unstubAllGlobals()
  })

  it('records opus in WebM, counts the seconds and hands over the recording when stopped', async () => {
    microphone(async () => stream)
    const { r, recordings } = recorder()
    expect(r.isSupported).toBe(true)

    await r.start()
    expect(r.state.value).toBe('recording')
    await vi.advanceTimersByTimeAsync(12_000)
    expect(r.elapsed.value).toBe(12)
    r.stop()

    await vi.waitFor(() => expect(recordings).toHaveLength(1))
    expect(recordings[0]).toMatchObject({ mime: 'audio/webm;codecs=opus', seconds: 12 })
    expect(new Uint8Array(recordings[0]!.bytes)).toEqual(new Uint8Array([1, 2, 3, 4]))
    expect(r.state.value).toBe('idle')
    expect(track.stop).toHaveBeenCalled()
  })

  it('stops by itself at the length limit', async () => {
    microphone(async () => stream)
    const { r, recordings } = recorder(60)

    await r.start()
    await vi.advanceTimersByTimeAsync(61_000)

    await vi.waitFor(() => expect(recordings).toHaveLength(1))
    expect(recordings[0]!.seconds).toBe(60)
    expect(r.state.value).toBe('idle')
  })

  it.each([
    ['NotAllowedError', 'denied'],
    ['NotFoundError', 'failed'],
  ])('says so when the microphone answers %s', async (name, state) => {
    microphone(() => Promise.reject(Object.assign(new Error(name), { name })))
    const { r, recordings } = recorder()

    await r.start()

    expect(r.state.value).toBe(state)
    expect(recordings).toEqual([])
  })

  it('is unsupported where the browser has no MediaRecorder', () => {
    vi.stubGlobal('MediaRecorder', undefined)
    const { r } = recorder()
    expect(r.isSupported).toBe(false)
    expect(r.state.value).toBe('unsupported')
  })

  it('releases the microphone and hands nothing over when the screen closes while recording', async () => {
    microphone(async () => stream)
    const { r, recordings, scope } = recorder()
    await r.start()

    scope.stop()

    expect(track.stop).toHaveBeenCalled()
    await vi.advanceTimersByTimeAsync(1_000)
    expect(recordings).toEqual([])
  })
})
