import { onScopeDispose, ref, shallowRef } from 'vue'
import { submissionLimits } from '@shared/villager/submission'

/** Where a recording stands; `denied` and `unsupported` are explained to the person in words. */
export type RecorderState = 'idle' | 'requesting' | 'recording' | 'denied' | 'unsupported' | 'failed'

/** A finished voice note, ready to keep and send. */
export interface Recording {
  /** Base64 of the bytes (how it is kept on the phone and sent). */
  data: string
  mime: string
  seconds: number
  bytes: number
  /** A `blob:` URL to play it back on this page. */
  url: string
}

/** Opus in WebM or Ogg where supported (Chrome, Firefox, WeChat's browser), else AAC in MP4 (Safari). */
const preferredTypes = ['audio/webm;codecs=opus', 'audio/ogg;codecs=opus', 'audio/mp4', 'audio/webm']
/** Speech needs little: 24 kbit/s keeps a minute near 180 KB, far below the 1 MB limit. */
const BITS_PER_SECOND = 24_000

function base64Of(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader()
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''))
    reader.onerror = () => reject(reader.error)
    reader.readAsDataURL(blob)
  })
}

/**
 * A voice note of up to a minute with MediaRecorder: start, stop (or the minute runs out), the
 * seconds so far, and a state that says when the microphone was refused or cannot record here.
 *
 * @example
 * const recorder = useRecorder()
 * await recorder.start() // … later
 * recorder.stop() // recorder.recording.value holds the note
 */
export function useRecorder() {
  // `in`, not `navigator.mediaDevices`: reading that property builds the media devices object,
  // tens of milliseconds at start on a cheap phone; it is first used when recording starts.
  const isSupported = typeof MediaRecorder !== 'undefined' && typeof navigator !== 'undefined' && 'mediaDevices' in navigator
  const state = ref<RecorderState>(isSupported ? 'idle' : 'unsupported')
  const elapsed = ref(0)
  const recording = shallowRef<Recording | null>(null)
  let media: MediaRecorder | null = null
  let stream: MediaStream | null = null
  let timer: ReturnType<typeof setInterval> | null = null

  function release(): void {
    if (timer) clearInterval(timer)
    timer = null
    stream?.getTracks().forEach((track) => track.stop())
    stream = null
  }

  function clear(): void {
    if (recording.value) URL.revokeObjectURL(recording.value.url)
    recording.value = null
  }

  async function start(): Promise<void> {
    if (!isSupported || state.value === 'recording' || state.value === 'requesting') return
    state.value = 'requesting'
    if (!navigator.mediaDevices?.getUserMedia) {
      state.value = 'unsupported'
      return
    }
    try {
      stream = await navigator.mediaDevices.getUserMedia({ audio: true })
    } catch (error) {
      const name = (error as { name?: string }).name
      state.value = name === 'NotAllowedError' || name === 'SecurityError' ? 'denied' : 'failed'
      return
    }
    const type = preferredTypes.find((one) => MediaRecorder.isTypeSupported?.(one))
    const recorder = new MediaRecorder(stream, { ...(type ? { mimeType: type } : {}), audioBitsPerSecond: BITS_PER_SECOND })
    const chunks: Blob[] = []
    const startedAt = Date.now()
    recorder.addEventListener('dataavailable', (event) => {
      if (event.data.size > 0) chunks.push(event.data)
    })
    recorder.addEventListener('stop', async () => {
      release()
      const seconds = Math.max(1, Math.min(submissionLimits.voiceMaxSeconds, Math.round((Date.now() - startedAt) / 1000)))
      const blob = new Blob(chunks, { type: recorder.mimeType || type || 'audio/webm' })
      if (blob.size === 0) {
        state.value = 'failed'
        return
      }
      clear()
      recording.value = { data: await base64Of(blob), mime: blob.type, seconds, bytes: blob.size, url: URL.createObjectURL(blob) }
      state.value = 'idle'
    })
    elapsed.value = 0
    recorder.start()
    media = recorder
    state.value = 'recording'
    timer = setInterval(() => {
      elapsed.value = Math.min(submissionLimits.voiceMaxSeconds, Math.floor((Date.now() - startedAt) / 1000))
      if (elapsed.value >= submissionLimits.voiceMaxSeconds) stop()
    }, 250)
  }

  function stop(): void {
    if (media && media.state !== 'inactive') media.stop()
    media = null
  }

  onScopeDispose(() => {
    stop()
    release()
    clear()
  })

  return { isSupported, state, elapsed, recording, start, stop, clear }
}
