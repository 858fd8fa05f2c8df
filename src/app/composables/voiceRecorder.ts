import { readonly, ref, shallowRef } from 'vue'
import type { Ref } from 'vue'
import { tryOnScopeDispose } from './scope'

/** Where a recording stands; `denied` and `unsupported` are explained to the person in words. */
export type RecorderState = 'idle' | 'requesting' | 'recording' | 'denied' | 'unsupported' | 'failed'

/** A finished voice note. */
export interface VoiceRecording {
  bytes: ArrayBuffer
  /** The recorder's media type, parameters included (e.g. `audio/webm;codecs=opus`). */
  mime: string
  /** Length in whole seconds. */
  seconds: number
}

export interface VoiceRecorderOptions {
  /** Recording stops by itself after this many seconds. Default 180. */
  maxSeconds?: number
  /** Receives every finished recording. */
  onRecorded: (recording: VoiceRecording) => void | Promise<void>
}

export interface VoiceRecorder {
  /** The browser can record audio (MediaRecorder and getUserMedia exist). */
  isSupported: boolean
  state: Readonly<Ref<RecorderState>>
  /** Seconds recorded so far (whole seconds, updated while recording). */
  elapsed: Readonly<Ref<number>>
  maxSeconds: number
  /** Ask for the microphone and start recording. */
  start(): Promise<void>
  /** Stop recording; `onRecorded` receives the result. */
  stop(): void
}

/** Opus in WebM where supported (Chrome, Firefox), else AAC in MP4 (Safari), else the default. */
const preferredTypes = ['audio/webm;codecs=opus', 'audio/ogg;codecs=opus', 'audio/mp4', 'audio/webm']

function pickType(): string | undefined {
  return preferredTypes.find((type) => MediaRecorder.isTypeSupported?.(type))
}

/**
 * Record a voice note with MediaRecorder: big start/stop, elapsed time, a length limit, and a
 * state that says when the microphone was refused or the browser cannot record.
 *
 * @example
 * const recorder = useVoiceRecorder({ onRecorded: async (r) => drafts.push(await makeDraft(r.bytes, r.mime, 'audio')) })
 * await recorder.start() // …later
 * recorder.stop()
 */
export function useVoiceRecorder(options: VoiceRecorderOptions): VoiceRecorder {
  const maxSeconds = options.maxSeconds ?? 180
  const isSupported =
    typeof MediaRecorder !== 'undefined' && typeof navigator !== 'undefined' && !!navigator.mediaDevices?.getUserMedia
  const state = ref<RecorderState>(isSupported ? 'idle' : 'unsupported')
  const elapsed = ref(0)
  const recorder = shallowRef<MediaRecorder | null>(null)
  let stream: MediaStream | null = null
  let timer: ReturnType<typeof setInterval> | null = null
  let startedAt = 0
  let disposed = false

  function release(): void {
    if (timer) clearInterval(timer)
    timer = null
    stream?.getTracks().forEach((track) => track.stop())
    stream = null
  }

  async function start(): Promise<void> {
    if (!isSupported || state.value === 'recording' || state.value === 'requesting') return
    state.value = 'requesting'
    try {
      stream = await navigator.mediaDevices.getUserMedia({ audio: true })
    } catch (error) {
      const name = (error as { name?: string }).name
      state.value = name === 'NotAllowedError' || name === 'SecurityError' ? 'denied' : 'failed'
      return
    }
    const type = pickType()
    const media = new MediaRecorder(stream, type ? { mimeType: type } : undefined)
    const chunks: Blob[] = []
    media.addEventListener('dataavailable', (event) => {
      if (event.data.size > 0) chunks.push(event.data)
    })
    media.addEventListener('stop', async () => {
      const seconds = Math.max(1, Math.round((Date.now() - startedAt) / 1000))
      release()
      recorder.value = null
      const blob = new Blob(chunks, { type: media.mimeType || type || 'audio/webm' })
      if (disposed) return
      if (blob.size === 0) {
        state.value = 'failed'
        return
      }
      state.value = 'idle'
      await options.onRecorded({ bytes: await blob.arrayBuffer(), mime: blob.type, seconds })
    })
    startedAt = Date.now()
    elapsed.value = 0
    media.start()
    recorder.value = media
    state.value = 'recording'
    timer = setInterval(() => {
      elapsed.value = Math.min(maxSeconds, Math.floor((Date.now() - startedAt) / 1000))
      if (elapsed.value >= maxSeconds) stop()
    }, 250)
  }

  function stop(): void {
    if (recorder.value?.state === 'recording') recorder.value.stop()
  }

  tryOnScopeDispose(() => {
    disposed = true
    if (recorder.value?.state === 'recording') recorder.value.stop()
    release()
  })

  return { isSupported, state: readonly(state), elapsed: readonly(elapsed), maxSeconds, start, stop }
}
