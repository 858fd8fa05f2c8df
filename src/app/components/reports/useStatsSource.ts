// The statistics page's live source (statsSource.ts): kept in step with the device database while
// the page lives. Apart from statsSource.ts, which the desk's worker imports and which must not
// start a worker itself.
import type { Ref } from 'vue'
import { isDeskRole } from '@shared/actor'
import { useLiveQuery } from '@app/composables/liveQuery'
import { deriveFactsNow } from './factsRefresh'
import type { ReportActor } from './reportRows'
import type { StatsSource } from './statsSource'
import { loadStatsSource } from './statsSource'

/**
 * `loadStatsSource` for `actor`, null until read. On a desk, facts that are behind the records
 * are shown (`current: false`) while the worker derives them anew; without a worker, and on a
 * cadre's phone, they are derived here.
 */
export function useStatsSource(actor: Ref<ReportActor | null>) {
  return useLiveQuery<StatsSource | null>(
    async () => {
      const who = actor.value
      if (!who) return null
      // A desk's township takes a worker's second; a cadre's village is counted here in milliseconds.
      return loadStatsSource(who, isDeskRole(who.role) ? () => deriveFactsNow(who) : undefined)
    },
    null,
    () => actor.value,
  )
}
