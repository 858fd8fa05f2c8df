import { ref, toValue, watch } from 'vue'
import type { MaybeRefOrGetter, Ref } from 'vue'

/** The six steps of the run sheet, in the order of the evening. */
export const runSteps = ['attendance', 'report', 'topics', 'discussion', 'decide', 'summary'] as const
export type RunStep = (typeof runSteps)[number]

export function isRunStep(value: unknown): value is RunStep {
  return typeof value === 'string' && (runSteps as readonly string[]).includes(value)
}

// localStorage, not IndexedDB: it is read synchronously, so a reloaded page opens on the right
// step with the text in its box at once. It belongs to this phone, like the theme.
const stepKey = (meetingId: string) => `yehua.run.${meetingId}.step`
const draftKey = (meetingId: string, field: string) => `yehua.run.${meetingId}.draft.${field}`

function read(key: string): string | null {
  try {
    return globalThis.localStorage?.getItem(key) ?? null
  } catch {
    // Some private modes throw on any access: then nothing is remembered.
    return null
  }
}

function write(key: string, value: string | null): void {
  try {
    if (value === null) globalThis.localStorage?.removeItem(key)
    else globalThis.localStorage?.setItem(key, value)
  } catch {
    // Full or unavailable storage only means the step or draft is not remembered.
  }
}

/** The step last shown for a meeting on this phone, or null. */
export function rememberedStep(meetingId: string): RunStep | null {
  const step = read(stepKey(meetingId))
  return isRunStep(step) ? step : null
}

/** Remember the step shown, so a reload or a crash resumes there. */
export function rememberStep(meetingId: string, step: RunStep): void {
  write(stepKey(meetingId), step)
}

/** Forget the step and every draft of a meeting (it closed). */
export function forgetRun(meetingId: string): void {
  const prefix = `yehua.run.${meetingId}.`
  try {
    const storage = globalThis.localStorage
    if (!storage) return
    const keys = Array.from({ length: storage.length }, (_, i) => storage.key(i)).filter((key) => key?.startsWith(prefix))
    for (const key of keys) if (key) storage.removeItem(key)
  } catch {
    // Nothing to forget where nothing could be stored.
  }
}

export interface RunDraft {
  /** The text being typed; kept on the phone as it changes. */
  text: Ref<string>
  /** Empty the box and forget the draft (after it was saved). */
  clear(): void
}

/**
 * Text typed into a box of meeting mode, kept on the phone per meeting and field so that it
 * survives a reload or a crash. Empty text is not stored.
 *
 * @example
 * const { text, clear } = useRunDraft(() => meeting.id, `view.${topic.id}`)
 */
export function useRunDraft(meetingId: MaybeRefOrGetter<string>, field: MaybeRefOrGetter<string>): RunDraft {
  const key = () => draftKey(toValue(meetingId), toValue(field))
  const text = ref(read(key()) ?? '')
  watch(key, (next) => {
    text.value = read(next) ?? ''
  })
  watch(text, (value) => write(key(), value === '' ? null : value))
  return {
    text,
    clear: () => {
      text.value = ''
      write(key(), null)
    },
  }
}
