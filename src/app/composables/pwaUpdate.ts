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
  /**
   * Register the service worker and report through this controller from now on. The same object
   * before and after: a component that took the controller early sees what the worker reports.
   */
  connect(register: RegisterServiceWorker): void
  /** Stop watching forms (tests, or replacing the controller). */
  stop(): void
}

export interface PwaUpdateOptions {
  /** Registers the service worker now; without it, {@link PwaUpdate.connect} does so later. */
  register?: RegisterServiceWorker
  /** `true` while a form has unsaved input; defaults to every form registered with useFormGuard. */
  editing?: Readonly<Ref<boolean>>
}

/**
 * The update flow of the `prompt` mode: a waiting version is applied only after the person agrees
 * and never while a form is being edited.
 */
export function createPwaUpdate({ register, editing = useEditing() }: PwaUpdateOptions = {}): PwaUpdate {
  const scope = effectScope(true)
  const state = ref<UpdateState>('none')
  const offlineReady = ref(false)
  let applyUpdate: (() => Promise<void>) | null = null

  const hooks: ServiceWorkerHooks = {
    onNeedRefresh() {
      if (state.value === 'none' || state.value === 'dismissed') state.value = 'ready'
    },
    onOfflineReady() {
      offlineReady.value = true
    },
  }

  async function apply(): Promise<void> {
    state.value = 'applying'
    try {
      if (!applyUpdate) throw new Error('no service worker registered')
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

  const controller: PwaUpdate = {
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
    connect(next) {
      applyUpdate = next(hooks)
    },
    stop() {
      scope.stop()
      if (installed === controller) installed = null
    },
  }
  if (register) controller.connect(register)
  return controller
}

let installed: PwaUpdate | null = null

/**
 * Registers the service worker for the whole app (main.ts, after the page's `load`) on the one
 * controller that {@link usePwaUpdate} hands out, whether a component took it before or after.
 */
export function installPwaUpdate(register: RegisterServiceWorker): PwaUpdate {
  const controller = usePwaUpdate()
  controller.connect(register)
  return controller
}

/**
 * The app's one update controller, the same object from the first call on. Until
 * {@link installPwaUpdate} registers the service worker (never in dev and unit tests) it stays idle.
 */
export function usePwaUpdate(): PwaUpdate {
  installed ??= createPwaUpdate()
  return installed
}
