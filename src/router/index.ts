import { createRouter, createWebHistory, type Router } from 'vue-router'
import { useSessionStore } from '@/stores/session.ts'
import SignInView from '@/views/SignInView.vue'

export function createAppRouter(): Router {
  const router = createRouter({
    history: createWebHistory(import.meta.env.BASE_URL),
    routes: [
      { path: '/sign-in', name: 'sign-in', component: SignInView, meta: { public: true } },
      // The desk loads after sign-in, so the first screen stays small.
      { path: '/', name: 'desk', component: () => import('@/views/EnrollView.vue') },
      { path: '/batch', name: 'batch', component: () => import('@/views/BatchView.vue') },
      { path: '/settings', name: 'settings', component: () => import('@/views/SettingsView.vue') },
      { path: '/log', name: 'log', component: () => import('@/views/SessionLogView.vue') },
      // Support must reach diagnostics even when signing in is what fails.
      {
        path: '/diagnostics',
        name: 'diagnostics',
        component: () => import('@/views/DiagnosticsView.vue'),
        meta: { public: true },
      },
      { path: '/:pathMatch(.*)*', redirect: '/' },
    ],
  })

  router.beforeEach((to) => {
    const session = useSessionStore()
    if (!to.meta.public && !session.signedIn) {
      return { name: 'sign-in', query: to.fullPath === '/' ? {} : { redirect: to.fullPath } }
    }
    if (to.name === 'sign-in' && session.signedIn) return { name: 'desk' }
  })
  return router
}
