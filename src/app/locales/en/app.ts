import type { MessageSchema } from '../index'

export default {
  title: 'Village Evening Talks',
  shortTitle: 'Evening Talks',
  back: 'Back',
  nav: {
    label: 'Main navigation',
    suggestions: 'Suggestions',
    meetings: 'Meetings',
    ledger: 'Ledger',
    township: 'Escalations',
    admin: 'Admin',
    settings: 'Me',
  },
  pages: {
    suggestions: 'Suggestions',
    suggestionNew: 'New suggestion',
    suggestion: 'Suggestion',
    township: 'Escalations',
    escalation: 'Escalation',
    admin: 'Administration',
    enrol: 'Enrol this phone',
    settings: 'Me',
    sync: 'Sync',
    notFound: 'Page not found',
    notForRole: 'Not for your role',
  },
  notFound: {
    text: 'This page does not exist. The link may be wrong.',
    home: 'Go to the start page',
  },
  notForRole: {
    text: 'This page is for {roles}; this phone is enrolled as {role}.',
    or: ' or ',
    home: 'Back to the start page',
  },
  roles: {
    cadre: 'village cadres',
    collector: 'collectors',
    township: 'township staff',
    admin: 'administrators',
  },
  update: {
    ready: 'A new version is ready',
    apply: 'Update',
    later: 'Later',
    deferred: 'Will update once the form you are filling in is saved or closed',
    applying: 'Updating…',
    offlineReady: 'Ready to work offline',
    dismiss: 'Got it',
  },
} satisfies MessageSchema['app']
