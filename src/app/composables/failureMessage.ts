import { useI18n } from 'vue-i18n'
import type { Rejection } from '@shared/mutations'
import { classifyStorageError } from '@app/db/errors'

/** Words for what was not saved and why: a refused mutation or a storage failure. */
export function useFailureMessage() {
  const { t } = useI18n()
  return {
    /** A mutation the rules refused (locally or on the server). */
    rejection: (rejection: Rejection) =>
      t('errors.notSaved', { reason: t(`errors.rejection.${rejection.code}`) }),
    /** A write the phone's storage could not take (quota, private mode, closed database). */
    storage: (error: unknown) =>
      t('errors.notSaved', { reason: t(`errors.storage.${classifyStorageError(error)}`) }),
  }
}
