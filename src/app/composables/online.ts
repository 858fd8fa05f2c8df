import { onScopeDispose, readonly, ref } from 'vue'
import type { Ref } from 'vue'
import { createSharedComposable } from './shared'

/** Network status as the browser reports it. */
export interface OnlineState {
  /** `false` after an `offline` event until the next `online` one. */
  online: Readonly<Ref<boolean>>
}

/**
 * Whether the browser believes it is online (`navigator.onLine`, updated on `online`/`offline`).
 * `true` does not prove the server is reachable; the sync loop finds that out.
 */
export const useOnline = createSharedComposable((): OnlineState => {
  const online = ref(typeof navigator === 'undefined' ? true : navigator.onLine)
  const update = (): void => {
    online.value = navigator.onLine
  }
  window.addEventListener('online', update)
  window.addEventListener('offline', update)
  onScopeDispose(() => {
    window.removeEventListener('online', update)
    window.removeEventListener('offline', update)
  })
  return { online: readonly(online) }
})
