import { liveQuery } from 'dexie'
import { useI18n } from 'vue-i18n'
import { useDb } from '@app/db'
import { showConfirmation } from './confirmation'
import { useOnline } from './online'

/** The wait for the newest save to reach the server (one at a time: a later save's covers it). */
let waiting: { unsubscribe(): void } | null = null
let saves = 0

/**
 * Confirm a saved change in the words that are true: online, 已保存 and then 已发送 once the
 * change has left the outbox; offline, the page's own words (saved on the phone, sent when there
 * is signal). Call it in a component's setup; call the function it returns after a successful write.
 *
 * @example
 * const confirmSaved = useSavedConfirmation('escalation.form.saved')
 * if (await attempt(() => store.accept(e, input))) confirmSaved()
 */
export function useSavedConfirmation(offlineKey: string): () => void {
  const { t } = useI18n()
  const { online } = useOnline()
  return () => {
    const save = ++saves
    waiting?.unsubscribe()
    waiting = null
    if (!online.value) return showConfirmation(t(offlineKey))
    showConfirmation(t('desk.saved'))
    // The write is in the outbox now, at or below its newest entry: 已发送 once no entry up to
    // that one is left. A state, not a change of the count: a quick sync round sends the change
    // before a live count of the outbox has seen it there (0 → 0), and 已发送 never came.
    const db = useDb()
    const sent = () => {
      if (save === saves) showConfirmation(t('desk.sent'))
    }
    void db.outbox
      .orderBy('mid')
      .lastKey()
      .then((newest) => {
        if (save !== saves) return
        if (newest === undefined) return sent()
        let left = true
        const subscription = liveQuery(() => db.outbox.where('mid').belowOrEqual(newest).count()).subscribe({
          next: (count) => {
            if (count > 0 || !left) return
            left = false
            waiting?.unsubscribe()
            waiting = null
            sent()
          },
          error: () => undefined,
        })
        if (left && save === saves) waiting = subscription
        else subscription.unsubscribe()
      })
      .catch(() => undefined)
  }
}
