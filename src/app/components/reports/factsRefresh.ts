// Keeps the statistics' facts (statsSource.ts) current off the main thread on a township's desk: a
// worker reads the rows and derives the facts, so the statistics page finds them current instead
// of reading 20,000 suggestions while the person waits, and the main thread keeps answering the
// person meanwhile. A few seconds after a sync round or an action that changed records
// (`refreshFactsSoon`), and at once when the page opens on facts that are behind
// (`deriveFactsNow`, once the page is idle; it shows the kept figures meanwhile, marked as being
// updated).
// Without workers (tests, old WebViews) the page derives them itself; should the worker fail (its
// script not cached yet on a desk that is offline), the facts are derived here instead.
import type { ReportActor } from './reportRows'

/** How long after the last change the facts are derived (sync rounds and actions come in bursts). */
export const REFRESH_DELAY_MS = 3_000

let timer: ReturnType<typeof setTimeout> | null = null
let worker: Worker | null = null
/** The worker failed to start or to derive: derive on the main thread from now on. */
let broken = false
/** A derivation has been asked for and has not answered yet. */
let busy = false

/** Derive them on this thread (after the worker failed): the kept facts move and the page follows. */
function deriveHere(actor: ReportActor): void {
  void import('./statsSource').then(({ refreshStatsFacts }) => refreshStatsFacts(actor)).catch(() => undefined)
}

function start(actor: ReportActor): void {
  const { role, townshipId, villageId } = actor
  const message = { actor: { role, townshipId, villageId } }
  if (broken) return deriveHere(message.actor)
  try {
    if (!worker) {
      worker = new Worker(new URL('./statsFacts.worker.ts', import.meta.url), { type: 'module', name: 'yehua-stats-facts' })
      const fail = () => {
        broken = true
        busy = false
        worker?.terminate()
        worker = null
        deriveHere(message.actor)
      }
      worker.addEventListener('error', fail)
      worker.addEventListener('message', (event: MessageEvent<{ ok: boolean }>) => {
        if (event.data.ok) busy = false
        else fail()
      })
    }
    busy = true
    worker.postMessage(message)
  } catch {
    broken = true
    deriveHere(message.actor)
  }
}

/** Derive `actor`'s facts in the background, `REFRESH_DELAY_MS` after the last call. */
export function refreshFactsSoon(actor: ReportActor): void {
  if (typeof Worker === 'undefined') return
  if (timer !== null) clearTimeout(timer)
  timer = setTimeout(() => {
    timer = null
    start(actor)
  }, REFRESH_DELAY_MS)
}

/**
 * Derive `actor`'s facts now, in the worker (unless it is already at it). False where there is no
 * worker to ask: the caller derives them itself.
 */
export function deriveFactsNow(actor: ReportActor): boolean {
  if (typeof Worker === 'undefined' || broken) return false
  if (timer !== null) {
    clearTimeout(timer)
    timer = null
  }
  if (!busy) {
    busy = true
    // Once the page has drawn what it has: on two cores, the worker's read slowed the first paint.
    whenIdle(() => start(actor))
  }
  return true
}

function whenIdle(run: () => void): void {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(run, { timeout: 1_000 })
  else setTimeout(run, 300)
}
