import { createRouter, createWebHistory, type Router } from 'vue-router'
import { useSessionStore } from '@/stores/session.ts'
import { useSettingsStore } from '@/stores/settings.ts'
import { loadMessages, type Feature } from '@/i18n/index.ts'
import { SCREEN_MESSAGES } from './screen-messages.ts'
import type { Translator } from '@/i18n/translator.ts'
import SignInView from '@/views/SignInView.vue'

declare module 'vue-router' {
  interface RouteMeta {
    /** Reachable without signing in. */
    public?: boolean
    /** Strings the screen needs beyond en.ts / ko.ts, loaded before it shows. */
    messages?: readonly Feature[]
  }
}

/** The only screens a kiosk shows: the person being photographed never leaves the desk. */
export const KIOSK_ROUTES: ReadonlySet<string> = new Set(['desk', 'sign-in'])

export function createAppRouter(i18n: Translator): Router {
  const router = createRouter({
    history: createWebHistory(import.meta.env.BASE_URL),
    routes: [
      { path: '/sign-in', name: 'sign-in', component: SignInView, meta: { public: true } },
      // The desk loads after sign-in, so the first screen stays small.
      {
        path: '/',
        name: 'desk',
        component: () => import('@/views/EnrollView.vue'),
        meta: { messages: SCREEN_MESSAGES.desk },
      },
      {
        path: '/batch',
        name: 'batch',
        component: () => import('@/views/BatchView.vue'),
        meta: { messages: SCREEN_MESSAGES.batch },
      },
      {
        path: '/settings',
        name: 'settings',
        component: () => import('@/views/SettingsView.vue'),
        meta: { messages: SCREEN_MESSAGES.settings },
      },
      {
        path: '/log',
        name: 'log',
        component: () => import('@/views/SessionLogView.vue'),
        meta: { messages: SCREEN_MESSAGES.log },
      },
      {
        path: '/review',
        component: () => import('@/views/ReviewView.vue'),
        meta: { messages: SCREEN_MESSAGES.review },
        // For operators who can read users (unknown: let the server answer).
        beforeEnter: () => useSessionStore().operator?.canReadUsers !== false || { name: 'desk' },
      },
      // Support must reach diagnostics even when signing in is what fails.
      {
        path: '/diagnostics',
        name: 'diagnostics',
        component: () => import('@/views/DiagnosticsView.vue'),
        meta: { public: true, messages: SCREEN_MESSAGES.diagnostics },
      },
      { path: '/:pathMatch(.*)*', redirect: '/' },
    ],
  })

  router.beforeEach((to) => {
    // First: in kiosk mode a link, a typed URL, Back or Forward to any other screen (the public
    // Diagnostics too) lands on the desk, and replaces the entry instead of adding one.
    if (useSettingsStore().settings.kiosk && !KIOSK_ROUTES.has(String(to.name)))
      return { name: 'desk', replace: true }
    const session = useSessionStore()
    if (!to.meta.public && !session.signedIn) {
      return { name: 'sign-in', query: to.fullPath === '/' ? {} : { redirect: to.fullPath } }
    }
    if (to.name === 'sign-in' && session.signedIn) return { name: 'desk' }
  })
  // After the guards, beside the screen's own chunk: a screen never shows its keys.
  router.beforeResolve((to) => loadMessages(i18n, to.meta.messages ?? []))
  return router
}
