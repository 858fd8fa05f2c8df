import { computed, ref, shallowRef } from 'vue'
import type { AdminOverview } from '@shared/api/admin'
import type { ApiResult } from '@app/api/client'
import { useSessionStore } from '@app/stores/session'
import { adminCall, refusalKey } from './adminApi'

/**
 * What the admin screens share: the township's overview (villages, members, policy, holiday
 * years) read from the server, and calls that say what went wrong in words (`error`, an i18n key).
 */
export function useAdminState() {
  const session = useSessionStore()
  const token = computed(() => session.session?.token ?? '')
  const overview = shallowRef<AdminOverview | null>(null)
  /** The i18n key of the last refusal, shown under the top bar until the next call. */
  const error = ref<string | null>(null)
  const busy = ref(false)

  async function call<T>(method: 'GET' | 'POST' | 'PATCH' | 'PUT', path: string, body?: unknown): Promise<ApiResult<T>> {
    busy.value = true
    error.value = null
    try {
      const result = await adminCall<T>(method, path, token.value, body)
      if (!result.ok) error.value = refusalKey(result)
      return result
    } finally {
      busy.value = false
    }
  }

  async function reload(): Promise<void> {
    const result = await call<AdminOverview>('GET', '/api/admin/overview')
    if (result.ok) overview.value = result.data
  }

  return { token, overview, error, busy, call, reload }
}

export type AdminState = ReturnType<typeof useAdminState>
