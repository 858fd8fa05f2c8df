import { effectScope, readonly, ref, watch } from 'vue'
import type { Ref } from 'vue'
import { useEditing } from './formGuard'

/**
 * `none`: nothing waiting; `ready`: a new version waits for the person's consent; `dismissed`: they
 * said "later"; `deferred`: they agreed while a form was dirty, so it applies once the form is clean;
 * `applying`: the new service worker is taking over and the page will reload.
 */
export type UpdateState = 'none' | 'ready' | 'dismissed' | 'deferred' | 'applying'

/** What the service worker registration reports to the app. */
export interface ServiceWorkerHooks {
  /** A new version is installed and waiting. */
  onNeedRefresh(): void
  /** The app shell is cached: the app now opens without network. */
  onOfflineReady(): void
}

/** Registers the service worker; returns the function that activates the waiting one and reloads. */
export type RegisterServiceWorker = (hooks: ServiceWorkerHooks) => () => Promise<void>

export interface PwaUpdate {
  /** Where the update stands; the prompt is visible in `ready` and `deferred`. */
  state: Readonly<Ref<UpdateState>>
  /** The shell was cached for the first time (worth telling the person once). */
  offlineReady: Readonly<Ref<boolean>>
  /** The person agreed: update now, or as soon as no form is dirty. */
  accept(): void
  /** The person said "later": hide the prompt for this session. */
  dismiss(): void
  /** Hide the "ready to work offline" notice. */
  dismissOfflineReady(): void
  /** Stop watching forms (tests, or replacing the controller). */
  stop(): void
}

export interface PwaUpdateOptions {
  register: RegisterServiceWorker
  /** `true` while a form has unsaved input; defaults to every form registered with useFormGuard. */
  editing?: Readonly<Ref<boolean>>
}

/**
 * The update flow of the `prompt` mode: a waiting version is applied only after the person agrees
 * and never while a form is being edited.
 */
export function createPwaUpdate({ register, editing = useEditing() }: PwaUpdateOptions): PwaUpdate {
  const scope = effectScope(true)
  const state = ref<UpdateState>('none')
  const offlineReady = ref(false)

  const applyUpdate = register({
    onNeedRefresh() {
      if (state.value === 'none' || state.value === 'dismissed') state.value = 'ready'
    },
    onOfflineReady() {
      offlineReady.value = true
    },
  })

  async function apply(): Promise<void> {
    state.value = 'applying'
    try {
      await applyUpdate()
    } catch {
      state.value = 'ready'
    }
  }

  scope.run(() => {
    watch(editing, (isEditing) => {
      if (!isEditing && state.value === 'deferred') void apply()
    })
  })

  return {
    state: readonly(state),
    offlineReady: readonly(offlineReady),
    accept() {
      if (state.value !== 'ready' && state.value !== 'dismissed') return
      if (editing.value) state.value = 'deferred'
      else void apply()
    },
    dismiss() {
      if (state.value === 'ready' || state.value === 'deferred') state.value = 'dismissed'
    },
    dismissOfflineReady() {
      offlineReady.value = false
    },
    stop: () => scope.stop(),
  }
}

let installed: PwaUpdate | null = null

/** Registers the service worker for the whole app (main.ts); replaces any earlier controller. */
export function installPwaUpdate(register: RegisterServiceWorker): PwaUpdate {
  installed?.stop()
  installed = createPwaUpdate({ register })
  return installed
}

/** The app's update controller; an idle one where no service worker was registered (dev, tests). */
export function usePwaUpdate(): PwaUpdate {
  installed ??= createPwaUpdate({ register: () => async () => {} })
  return installed
}
