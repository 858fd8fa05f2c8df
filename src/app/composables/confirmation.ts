import { readonly, shallowRef } from 'vue'
import type { Ref } from 'vue'

/** How long a confirmation stays; long enough to read two short lines at night. */
export const CONFIRMATION_MS = 4_000

const message = shallowRef<string | null>(null)
let timer: ReturnType<typeof setTimeout> | undefined

/**
 * Say that something happened ("已保存在手机上…") where it covers no control: the top bar shows it
 * in place of the page title for a few seconds (AppTopBar). A toast at the bottom of the screen sat
 * over the next button, which the cadre then had to wait for or tap twice.
 *
 * @example
 * if (await run('escalation.close', { id })) showConfirmation(t('escalation.form.saved'))
 */
export function showConfirmation(text: string, ms = CONFIRMATION_MS): void {
  clearTimeout(timer)
  message.value = text
  timer = setTimeout(() => (message.value = null), ms)
}

export interface Confirmation {
  /** The confirmation being shown, or null. */
  message: Readonly<Ref<string | null>>
  /** Hide it before its time (the person tapped it). */
  dismiss(): void
}

/** The confirmation of the moment, for the one place that shows it (the top bar). */
export function useConfirmation(): Confirmation {
  return {
    message: readonly(message),
    dismiss: () => {
      clearTimeout(timer)
      message.value = null
    },
  }
}
