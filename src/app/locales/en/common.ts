import type { MessageSchema } from '../index'

export default {
  ok: 'OK',
  cancel: 'Cancel',
  save: 'Save',
  close: 'Close',
  retry: 'Try again',
  loading: 'Loading…',
  none: 'None',
} satisfies MessageSchema['common']
