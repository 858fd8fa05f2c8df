import { getCurrentScope, onScopeDispose } from 'vue'

/** Run `fn` when the current effect scope ends; a no-op outside a scope (e.g. in plain tests). */
export function tryOnScopeDispose(fn: () => void): boolean {
  if (!getCurrentScope()) return false
  onScopeDispose(fn)
  return true
}
