import { watch } from 'vue'
import { useI18n } from 'vue-i18n'
import { useOutboxStore } from '@app/stores/outbox'
import { showConfirmation } from './confirmation'
import { useOnline } from './online'

/**
 * Confirm a saved change in the words that are true: online, 已保存 and then 已发送 once the
 * outbox is empty; offline, the page's own words (saved on the phone, sent when there is signal).
 * Call it in a component's setup; call the function it returns after a successful write.
 *
 * @example
 * const confirmSaved = useSavedConfirmation('escalation.form.saved')
 * if (await attempt(() => store.accept(e, input))) confirmSaved()
 */
export function useSavedConfirmation(offlineKey: string): () => void {
  const { t } = useI18n()
  const { online } = useOnline()
  const outbox = useOutboxStore()
  let sending = false
  watch(
    () => outbox.pendingCount,
    (count) => {
      if (sending && count === 0) {
        sending = false
        showConfirmation(t('desk.sent'))
      }
    },
  )
  return () => {
    if (online.value) {
      sending = true
      showConfirmation(t('desk.saved'))
    } else {
      sending = false
      showConfirmation(t(offlineKey))
    }
  }
}
