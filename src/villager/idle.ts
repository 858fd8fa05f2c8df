/**
 * Run `work` when the browser is idle (within `timeout` ms at the latest): what the first paint
 * does not need waits until after it. Safari has no requestIdleCallback: a short timeout leaves
 * the paint in between all the same.
 */
export function whenIdle(work: () => void, timeout = 200): void {
  if (typeof window.requestIdleCallback === 'function') window.requestIdleCallback(work, { timeout })
  else setTimeout(work, 16)
}
