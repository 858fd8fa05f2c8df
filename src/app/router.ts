import { getActivePinia } from 'pinia'
import { createRouter, createWebHistory } from 'vue-router'
import type { RouteLocationNormalized, RouteLocationRaw, RouteRecordRaw, Router, RouterHistory } from 'vue-router'
import type { Actor } from '@shared/actor'
import type { MemberRole } from '@shared/records'
import { whenIdle } from '@app/composables/startup'
import { useSessionStore } from '@app/stores/session'

declare module 'vue-router' {
  interface RouteMeta {
    /** i18n key of the page title shown in the top bar and the document title. */
    titleKey?: string
    /** The bottom tab this page belongs to; pages without one hide the tab bar. */
    tab?: 'suggestions' | 'meetings' | 'ledger' | 'township' | 'admin' | 'settings'
    /** Where the top bar's back button leads when there is no history to go back to. */
    back?: RouteLocationRaw
    /** The roles this page is for; another role gets the not-for-your-role page. Default: every role. */
    roles?: readonly MemberRole[]
  }
}

/** The first page of each role: the village's suggestions, the township's queue, or administration. */
export function homeRoute(actor: Pick<Actor, 'role'> | null): 'suggestions' | 'township' | 'admin' {
  if (actor?.role === 'admin') return 'admin'
  return actor?.role === 'township' ? 'township' : 'suggestions'
}

const loadEnrolPage = () => import('./pages/EnrolPage.vue')

/** Pages of one village's rows (its suggestions, its ledger): for the members of a village. */
const village: readonly MemberRole[] = ['cadre', 'collector']
/** What a village's cadres plan: triage and meetings. A meeting's run sheet and minutes can be read by all. */
const cadre: readonly MemberRole[] = ['cadre']
/** The township's desk. */
const desk: readonly MemberRole[] = ['township', 'admin']

/** Every page route; all pages load lazily so the first screen only pays for itself. */
export const routes: RouteRecordRaw[] = [
  // Before the session is read (the first load) this goes to suggestions; the guard corrects it.
  { path: '/', name: 'home', redirect: () => ({ name: homeRoute(getActivePinia() ? useSessionStore().actor : null) }) },
  {
    path: '/suggestions',
    name: 'suggestions',
    component: () => import('./pages/SuggestionsPage.vue'),
    meta: { titleKey: 'app.pages.suggestions', tab: 'suggestions', roles: village },
  },
  {
    path: '/suggestions/new',
    name: 'suggestion-new',
    component: () => import('./pages/SuggestionNewPage.vue'),
    meta: { titleKey: 'app.pages.suggestionNew', tab: 'suggestions', back: { name: 'suggestions' }, roles: village },
  },
  {
    path: '/suggestions/:id',
    name: 'suggestion',
    component: () => import('./pages/SuggestionDetailPage.vue'),
    meta: { titleKey: 'app.pages.suggestion', tab: 'suggestions', back: { name: 'suggestions' }, roles: village },
  },
  {
    path: '/township',
    name: 'township',
    component: () => {
      // The queue's rows are read while its chunk loads, not once it has mounted (bench:township).
      void import('./stores/desk').then(({ useDeskStore }) => useDeskStore())
      return import('./pages/TownshipQueuePage.vue')
    },
    meta: { titleKey: 'app.pages.township', tab: 'township', roles: desk },
  },
  {
    path: '/escalations/:id',
    name: 'escalation',
    component: () => import('./pages/EscalationDetailPage.vue'),
    meta: { titleKey: 'app.pages.escalation', tab: 'township', back: { name: 'home' }, roles: ['cadre', 'township', 'admin'] },
  },
  {
    path: '/stats',
    name: 'stats',
    component: () => import('./pages/StatsPage.vue'),
    meta: { titleKey: 'reports.title', tab: 'township', back: { name: 'township' }, roles: desk },
  },
  {
    // A cadre's own village: the same page, under the ledger's tab.
    path: '/ledger/stats',
    name: 'ledger-stats',
    component: () => import('./pages/StatsPage.vue'),
    meta: { titleKey: 'reports.title', tab: 'ledger', back: { name: 'ledger' }, roles: cadre },
  },
  {
    path: '/desk/weekly',
    name: 'desk-weekly',
    component: () => import('./pages/WeeklyPrintPage.vue'),
    meta: { titleKey: 'reports.weeklyTitle', tab: 'township', back: { name: 'township' }, roles: desk },
  },
  {
    path: '/enrol',
    name: 'enrol',
    component: loadEnrolPage,
    meta: { titleKey: 'app.pages.enrol' },
  },
  {
    path: '/settings',
    name: 'settings',
    component: () => import('./pages/SettingsPage.vue'),
    meta: { titleKey: 'app.pages.settings', tab: 'settings' },
  },
  {
    path: '/sync',
    name: 'sync',
    component: () => import('./pages/SyncPage.vue'),
    meta: { titleKey: 'app.pages.sync', back: { name: 'home' } },
  },
  {
    path: '/ledger',
    name: 'ledger',
    component: () => import('./pages/LedgerPage.vue'),
    meta: { titleKey: 'ledger.title', tab: 'ledger', roles: village },
  },
  {
    path: '/follow-up',
    name: 'follow-up',
    component: () => import('./pages/FollowUpPage.vue'),
    meta: { titleKey: 'followup.title', tab: 'ledger', back: { name: 'ledger' }, roles: village },
  },
  {
    path: '/triage',
    name: 'triage',
    component: () => import('./pages/TriagePage.vue'),
    meta: { titleKey: 'triage.title', tab: 'suggestions', back: { name: 'suggestions' }, roles: cadre },
  },
  {
    path: '/meetings',
    name: 'meetings',
    component: () => import('./pages/MeetingsPage.vue'),
    meta: { titleKey: 'meeting.pages.list', tab: 'meetings', roles: cadre },
  },
  {
    path: '/meetings/new',
    name: 'meeting-new',
    component: () => import('./pages/MeetingEditPage.vue'),
    meta: { titleKey: 'meeting.pages.new', tab: 'meetings', back: { name: 'meetings' }, roles: cadre },
  },
  {
    path: '/meetings/:id',
    name: 'meeting',
    component: () => import('./pages/MeetingEditPage.vue'),
    meta: { titleKey: 'meeting.pages.edit', tab: 'meetings', back: { name: 'meetings' }, roles: cadre },
  },
  {
    path: '/meetings/:id/notice',
    name: 'meeting-notice',
    component: () => import('./pages/MeetingNoticePage.vue'),
    // Without params, vue-router keeps the current :id: back leads to this meeting's page.
    meta: { titleKey: 'meeting.pages.notice', tab: 'meetings', back: { name: 'meeting' }, roles: cadre },
  },
  {
    // Meeting mode is full-screen: no tab, so the tab bar hides.
    path: '/meetings/:id/run/:step?',
    name: 'meeting-run',
    component: () => import('./pages/MeetingRunPage.vue'),
    meta: { titleKey: 'run.title', back: { name: 'meeting' } },
  },
  {
    path: '/meetings/:id/minutes',
    name: 'meeting-minutes',
    component: () => import('./pages/MeetingMinutesPage.vue'),
    meta: { titleKey: 'minutes.title', tab: 'meetings', back: { name: 'meeting' } },
  },
  {
    // Administration of the admin's township: villages, members, phones, policy, holidays, log, backup.
    path: '/admin/:section?',
    name: 'admin',
    component: () => import('./pages/AdminPage.vue'),
    meta: { titleKey: 'app.pages.admin', tab: 'admin', roles: ['admin'] },
  },
  {
    path: '/:pathMatch(.*)*',
    name: 'not-found',
    component: () => import('./pages/NotFoundPage.vue'),
    meta: { titleKey: 'app.pages.notFound', back: { name: 'home' } },
  },
  {
    // Reached by name only (the path above matches first), so the address typed stays as it was.
    path: '/:pathMatch(.*)*',
    name: 'not-for-role',
    component: () => import('./pages/NotForRolePage.vue'),
    meta: { titleKey: 'app.pages.notForRole', back: { name: 'home' } },
  },
]

/** Starts loading the lazy components of the route `to` (vue-router loads them after the guards). */
function preloadComponents(to: RouteLocationNormalized): void {
  for (const record of to.matched) {
    for (const component of Object.values(record.components ?? {})) {
      if (typeof component === 'function') void Promise.resolve((component as () => unknown)()).catch(() => undefined)
    }
  }
}

export interface AppRouterOptions {
  /** Send a device that has not enrolled to /enrol. Default `true`; component tests turn it off. */
  guard?: boolean
}

/**
 * The app router. Its guard sends a device that has not enrolled to /enrol (which also takes
 * `?code=`); it needs an active Pinia.
 */
export function createAppRouter(
  history: RouterHistory = createWebHistory(import.meta.env.BASE_URL),
  { guard = true }: AppRouterOptions = {},
): Router {
  const router = createRouter({
    history,
    routes,
    scrollBehavior: (_to, _from, saved) => saved ?? { top: 0 },
  })
  if (guard) {
    let firstRead: Promise<void> | null = null
    router.beforeEach(async (to) => {
      const session = useSessionStore()
      if (!session.loaded) {
        if (!session.enrolledBefore()) {
          // A phone that never enrolled shows /enrol at once, without waiting for IndexedDB (and
          // Dexie) to load; should the read find a session after all (the hint was lost), go on.
          if (!firstRead) {
            const wanted = to.name === 'enrol' ? null : (to.redirectedFrom ?? to).fullPath
            firstRead = whenIdle()
              .then(() => session.load())
              .then(() => {
                if (session.enrolled) void router.replace(wanted ?? { name: homeRoute(session.actor) })
              })
          }
          return to.name === 'enrol' ? undefined : { name: 'enrol' }
        }
        // The page's chunks load while the session is read: both come before the first screen.
        preloadComponents(to)
        await session.load()
      }
      if (!session.enrolled && to.name !== 'enrol') return { name: 'enrol' }
      // `/` was redirected before the session was read: send the person to their role's home.
      // Only once enrolled: a redirect keeps `redirectedFrom`, so /enrol would bounce back here.
      const home = homeRoute(session.actor)
      if (session.enrolled && to.redirectedFrom?.name === 'home' && to.name !== home) return { name: home, replace: true }
      // A page of another role (an address typed or kept from before) would wait for rows this
      // phone never receives: say so instead, at the same address.
      const role = session.actor?.role
      if (role && to.meta.roles && !to.meta.roles.includes(role)) {
        return { name: 'not-for-role', params: { pathMatch: to.path.slice(1).split('/') }, query: to.query, hash: to.hash }
      }
    })
  }
  return router
}
