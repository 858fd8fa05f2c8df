import { ref, shallowRef } from 'vue'
import type { Ref, ShallowRef } from 'vue'
import { showDialog } from 'vant'
import 'vant/es/dialog/style/index'
import type { MutationResult } from '@shared/mutations/core'
import type { MutationName } from '@shared/mutations/registry'
import { mutate, type MutationArgs } from '@app/db/mutate'
import { useFailureMessage } from './failureMessage'

export interface MutationOptions {
  /** How a failure is told to the person; default a Vant dialog with the words. */
  notify?: (message: string) => void | Promise<void>
}

export interface MutationRunner {
  /** True while a write is in flight (disable the button, show a spinner). */
  saving: Readonly<Ref<boolean>>
  /** The words of the last failure, null after a success. */
  failure: Readonly<ShallowRef<string | null>>
  /** Apply a named mutation as the enrolled member; resolves to whether it was saved. */
  run<N extends MutationName>(name: N, args: MutationArgs<N>): Promise<boolean>
  /** Run any local write that yields a mutation result (a store action); resolves to whether it was saved. */
  attempt(write: () => Promise<MutationResult>): Promise<boolean>
}

/**
 * One place for what every action button does: write locally (works offline, queued for the
 * server), and when the rules refuse it or the phone's storage fails, say so in words with what
 * was not saved.
 *
 * @example
 * const { run, saving } = useMutation()
 * if (await run('escalation.close', { id })) showConfirmation(t('escalation.form.saved'))
 */
export function useMutation(options: MutationOptions = {}): MutationRunner {
  const words = useFailureMessage()
  const notify = options.notify ?? ((message: string) => showDialog({ message }).then(() => undefined))
  const saving = ref(false)
  const failure = shallowRef<string | null>(null)

  async function attempt(write: () => Promise<MutationResult>): Promise<boolean> {
    saving.value = true
    try {
      const result = await write()
      failure.value = result.ok ? null : words.rejection(result.rejection)
    } catch (error) {
      failure.value = words.storage(error)
    } finally {
      saving.value = false
    }
    if (failure.value === null) return true
    await notify(failure.value)
    return false
  }

  return {
    saving,
    failure,
    run: (name, args) => attempt(() => mutate(name, args)),
    attempt,
  }
}
