import { effectScope, getCurrentScope, onScopeDispose } from 'vue'
import type { EffectScope } from 'vue'

/**
 * Makes a composable's state shared by every component that uses it at the same time: it is
 * created on the first use, and its listeners are removed when the last user's scope ends.
 */
export function createSharedComposable<T>(composable: () => T): () => T {
  let subscribers = 0
  let shared: { scope: EffectScope; state: T } | undefined

  const dispose = (): void => {
    subscribers -= 1
    if (shared && subscribers <= 0) {
      shared.scope.stop()
      shared = undefined
    }
  }

  return () => {
    subscribers += 1
    if (!shared) {
      const scope = effectScope(true)
      let state!: T
      scope.run(() => {
        state = composable()
      })
      shared = { scope, state }
    }
    if (getCurrentScope()) onScopeDispose(dispose)
    return shared.state
  }
}
