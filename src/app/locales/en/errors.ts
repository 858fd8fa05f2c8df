export default {
  notSaved: 'Not saved: {reason}',
  storage: {
    quota: 'The phone is out of storage. Free some space (photos, videos, unused apps) and try again.',
    unavailable: 'The browser does not let this app store data (private mode?). Open it in a normal window, or records cannot be saved.',
    closed: 'The app was updated in another window. Reload the page, then save again.',
    unknown: 'Storage on this phone failed. Please try again.',
  },
  rejection: {
    invalid_args: 'Some of the input is not acceptable',
    unknown_mutation: 'This app version is too old; please update and try again',
    forbidden: 'Your role may not do this',
    out_of_scope: 'This belongs to another village',
    not_found: 'The record no longer exists; it may have been deleted',
    illegal_transition: 'This item has changed status in the meantime; this step no longer applies',
    conflict: 'This record exists already',
  },
  read: {
    message: 'Could not read the data on this phone: {reason}',
    retry: 'Try again',
  },
  reload: {
    message: 'The app was updated in another window. Reload to continue.',
    action: 'Reload',
  },
}
