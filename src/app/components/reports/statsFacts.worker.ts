// The statistics' facts derived off the main thread (see factsRefresh.ts): reads the device
// database itself (IndexedDB works in a worker), derives and keeps the facts; the pages' live
// queries see the kept facts change through Dexie's cross-context notices.
import type { ReportActor } from './reportRows'
import { refreshStatsFacts } from './statsSource'

addEventListener('message', (event: MessageEvent<{ actor: ReportActor }>) => {
  refreshStatsFacts(event.data.actor).then(
    () => postMessage({ ok: true }),
    (error: unknown) => postMessage({ ok: false, error: error instanceof Error ? error.message : String(error) }),
  )
})
