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
  timer = setTimeout(next, ms)
}

/** What {@link showConfirmationAfter} keeps for when the top bar is free. */
let waiting: string | null = null

/** The confirmation shown ends; one that waited takes its place. */
function next(): void {
  message.value = null
  const text = waiting
  waiting = null
  if (text !== null) showConfirmation(text)
}

/**
 * Say something nobody asked for ("已可离线使用") once the confirmation showing now has had its
 * time: it must not take the place of the answer to what the person just did ("已发送").
 *
 * @example
 * showConfirmationAfter(t('app.update.offlineReady'))
 */
export function showConfirmationAfter(text: string): void {
  if (message.value === null) showConfirmation(text)
  else waiting = text
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
      next()
    },
  }
}
