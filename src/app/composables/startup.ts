// The first screen goes first. On a two-core phone every task competes for the one main thread:
// the sync round and the service worker's registration, started with the app, took 10–35 ms from
// the township's queue and the settings page loaded afresh (bench:township). They wait for this:
// long enough for the slowest first screen here (the statistics, ~0.5 s), whose reads leave the
// browser idle now and then — an idle callback alone would let them in.

/** How long background work leaves the app's first screen to itself. */
export const FIRST_SCREEN_MS = 1_500

/** Resolves once the browser is idle (or after `timeout` ms where it never is, or has no idle callback). */
export function whenIdle(timeout = 2_000): Promise<void> {
  return new Promise((resolve) => {
    if (typeof requestIdleCallback === 'function') requestIdleCallback(() => resolve(), { timeout })
    else setTimeout(resolve, 50)
  })
}

/** Resolves after the next frame has been painted (or after a second in a tab that paints none). */
export function afterPaint(): Promise<void> {
  return new Promise<void>((resolve) => {
    requestAnimationFrame(() => setTimeout(resolve, 0))
    setTimeout(resolve, 1_000)
  })
}

let started: Promise<void> | null = null

/**
 * Resolves once the app's first screen has had its time ({@link FIRST_SCREEN_MS} from the first
 * call, which the app makes while it mounts) and the browser is idle. The same promise for every caller.
 *
 * @example
 * void afterFirstScreen().then(() => sync.start())
 */
export function afterFirstScreen(): Promise<void> {
  started ??= new Promise<void>((resolve) => setTimeout(resolve, FIRST_SCREEN_MS)).then(() => whenIdle())
  return started
}
