import type { MessageSchema } from '../index'

export default {
  offline: 'Offline',
  offlineLabel: 'No network. What you enter is kept on this phone and sent when the network is back',
  unsent: 'Unsent {n}',
  unsentLabel: '{n} change has not been sent to the server yet | {n} changes have not been sent to the server yet',
} satisfies MessageSchema['sync']
