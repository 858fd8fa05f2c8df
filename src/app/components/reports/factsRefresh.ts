// Keeps the statistics' facts (statsSource.ts) current ahead of time on a township's desk: a while
// after a sync round that changed records, a worker reads the rows and derives the facts, so the
// statistics page finds them current instead of reading 20,000 suggestions while the person waits,
// and the main thread keeps answering the person meanwhile. Without workers (tests, old
// WebViews), the page derives them itself when opened.
import type { ReportActor } from './reportRows'

/** How long after the last sync round with changes the facts are derived (rounds come in bursts). */
export const REFRESH_DELAY_MS = 3_000

let timer: ReturnType<typeof setTimeout> | null = null
let worker: Worker | null = null

/** Derive `actor`'s facts in the background, `REFRESH_DELAY_MS` after the last call. */
export function refreshFactsSoon(actor: ReportActor): void {
  if (typeof Worker === 'undefined') return
  if (timer !== null) clearTimeout(timer)
  const { role, townshipId, villageId } = actor
  timer = setTimeout(() => {
    timer = null
    try {
      worker ??= new Worker(new URL('./statsFacts.worker.ts', import.meta.url), { type: 'module', name: 'yehua-stats-facts' })
      worker.postMessage({ actor: { role, townshipId, villageId } })
    } catch {
      // No worker (a refused script, a browser without module workers): the page derives them.
    }
  }, REFRESH_DELAY_MS)
}
