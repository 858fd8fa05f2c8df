// The statistics page's live source (statsSource.ts): kept in step with the device database while
// the page lives. Apart from statsSource.ts, which the desk's worker imports and which must not
// start a worker itself.
import type { Ref } from 'vue'
import { useLiveQuery } from '@app/composables/liveQuery'
import { deriveFactsNow } from './factsRefresh'
import type { ReportActor } from './reportRows'
import type { StatsSource } from './statsSource'
import { loadStatsSource } from './statsSource'

/**
 * `loadStatsSource` for `actor`, null until read. Facts that are behind the records are shown
 * (`current: false`) while the desk's worker derives them anew; without a worker, derived here.
 */
export function useStatsSource(actor: Ref<ReportActor | null>) {
  return useLiveQuery<StatsSource | null>(
    async () => {
      const who = actor.value
      return who ? loadStatsSource(who, () => deriveFactsNow(who)) : null
    },
    null,
    () => actor.value,
  )
}
