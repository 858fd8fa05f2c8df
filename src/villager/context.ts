import { inject, provide } from 'vue'
import type { InjectionKey } from 'vue'
import type { Speech } from './speech'
import type { VillagerStore } from './store'

/** What the page's parts share: the store of this village and the read-aloud voice. */
export interface VillagerContext {
  store: VillagerStore
  speech: Speech
}

const key: InjectionKey<VillagerContext> = Symbol('villager')

export function provideVillager(context: VillagerContext): void {
  provide(key, context)
}

/** The page's store and speech, inside the villager page. */
export function useVillager(): VillagerContext {
  const context = inject(key)
  if (!context) throw new Error('useVillager() outside the villager page')
  return context
}
