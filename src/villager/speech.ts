import { computed, onScopeDispose, ref, shallowRef } from 'vue'
import type { Ref } from 'vue'

/**
 * Reading aloud (朗读) with the Web Speech API, in the page's language: `available` only when the
 * phone has a voice for it (many have no Mandarin voice: then the button is not shown at all).
 *
 * @example
 * const speech = useSpeech(locale)
 * if (speech.available.value) speech.speak('item-1', '已收到')
 */
export function useSpeech(locale: Readonly<Ref<string>>) {
  const synth = typeof window !== 'undefined' && 'speechSynthesis' in window ? window.speechSynthesis : null
  const voices = shallowRef<SpeechSynthesisVoice[]>(synth?.getVoices() ?? [])
  /** What is being read now (the caller's id), or null. */
  const speaking = ref<string | null>(null)
  const onVoices = () => (voices.value = synth?.getVoices() ?? [])
  synth?.addEventListener?.('voiceschanged', onVoices)
  onScopeDispose(() => {
    synth?.removeEventListener?.('voiceschanged', onVoices)
    synth?.cancel()
  })

  const prefix = computed(() => (locale.value === 'zh-CN' ? 'zh' : 'en'))
  const voice = computed(() => {
    const matching = voices.value.filter((one) => one.lang.replace('_', '-').toLowerCase().startsWith(prefix.value))
    // Mandarin (zh-CN) before Cantonese or Taiwanese voices.
    return matching.find((one) => /^zh[-_]CN/i.test(one.lang)) ?? matching[0] ?? null
  })
  const available = computed(() => synth !== null && voice.value !== null)

  function speak(id: string, text: string): void {
    if (!synth || !voice.value) return
    synth.cancel()
    const utterance = new SpeechSynthesisUtterance(text)
    utterance.voice = voice.value
    utterance.lang = voice.value.lang
    // Slower than the default for elderly listeners.
    utterance.rate = 0.85
    utterance.onend = utterance.onerror = () => {
      if (speaking.value === id) speaking.value = null
    }
    speaking.value = id
    synth.speak(utterance)
  }

  function stop(): void {
    synth?.cancel()
    speaking.value = null
  }

  return { available, speaking, speak, stop }
}

export type Speech = ReturnType<typeof useSpeech>
