import { acceptHMRUpdate, defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import * as auth from '@/api/auth.ts'
import { setSessionExpiredHandler, setSessionId } from '@/api/client.ts'
import type { Operator } from '@/api/types.ts'
import { isStale } from '@/session/idle.ts'

const STORAGE_KEY = 'photo-desk:session'

interface SavedSession {
  sessionId: string
  operator: Operator
}

function readSaved(): SavedSession | null {
  try {
    const raw = sessionStorage.getItem(STORAGE_KEY)
    const saved = raw ? (JSON.parse(raw) as SavedSession) : null
    return saved && typeof saved.sessionId === 'string' && saved.operator ? saved : null
  } catch {
    return null
  }
}

/**
 * Who is signed in. The session id lives in memory and in sessionStorage (a reload of the tab
 * stays signed in, a new tab does not). The password is never kept, not even here.
 */
export const useSessionStore = defineStore('session', () => {
  const operator = ref<Operator | null>(null)
  const sessionId = ref<string | null>(null)
  /** True while the "Session expired" dialog waits for the password. */
  const expired = ref(false)
  const signedIn = computed(() => sessionId.value !== null && operator.value !== null)
  const cleanups = shallowRef<Array<() => void | Promise<void>>>([])
  const finishers = shallowRef<Array<() => void | Promise<void>>>([])
  let reauthResolve: ((ok: boolean) => void) | null = null

  function adopt(id: string, who: Operator) {
    // The client first: whoever watches the operator may send a request at once.
    setSessionId(id, who.loginId)
    sessionId.value = id
    operator.value = who
    sessionStorage.setItem(STORAGE_KEY, JSON.stringify({ sessionId: id, operator: who }))
  }

  /** Ends a session this tab no longer uses; BioStar may have dropped it already. */
  function retire(id: string | null) {
    if (!id || id === sessionId.value) return Promise.resolve()
    return auth.logout({ sessionId: id }).catch(() => undefined)
  }

  /**
   * Picks up the session of this tab after a reload. A tab restored after the idle time (its
   * last activity `lastSeen` is `idleMs` or more ago) is not: its session is logged out and
   * the app starts at the sign-in screen, so the next person is not the last operator.
   */
  function restore(idle: { idleMs: number; lastSeen: number | null; now?: number } | null = null) {
    const saved = readSaved()
    if (!saved) return false
    if (idle && isStale(idle.lastSeen, idle.now ?? Date.now(), idle.idleMs)) {
      sessionStorage.removeItem(STORAGE_KEY)
      void retire(saved.sessionId)
      return false
    }
    adopt(saved.sessionId, saved.operator)
    return true
  }

  async function signIn(loginId: string, password: string) {
    const result = await auth.login(loginId, password)
    adopt(result.sessionId, result.operator)
  }

  /** Registers work to wipe on sign-out (pending saves, queues, logs). */
  function onSignOut(cleanup: () => void | Promise<void>) {
    cleanups.value = [...cleanups.value, cleanup]
  }

  /**
   * Registers work to finish before sign-out, while the operator's session still holds
   * (photo writes on their way end under their own operator).
   */
  function beforeSignOut(finish: () => void | Promise<void>) {
    finishers.value = [...finishers.value, finish]
  }

  function forget() {
    sessionId.value = null
    operator.value = null
    setSessionId(null)
    sessionStorage.removeItem(STORAGE_KEY)
  }

  async function signOut() {
    for (const finish of finishers.value) await finish()
    if (sessionId.value) {
      // The server may already have dropped the session; signing out locally is what matters.
      await auth.logout().catch(() => undefined)
    }
    forget()
    expired.value = false
    reauthResolve?.(false)
    reauthResolve = null
    for (const cleanup of cleanups.value) await cleanup()
  }

  /** The API client calls this on 401 / code "10": open the dialog and wait for it. */
  function waitForReauth(): Promise<boolean> {
    if (!signedIn.value) return Promise.resolve(false)
    expired.value = true
    return new Promise((resolve) => (reauthResolve = resolve))
  }

  /**
   * From the dialog: sign in again as the same operator; the failed request is then resent.
   * The old session is logged out, in case BioStar still knows it (a 401 from elsewhere).
   */
  async function reauthenticate(password: string) {
    const loginId = operator.value?.loginId ?? ''
    const old = sessionId.value
    const result = await auth.login(loginId, password)
    adopt(result.sessionId, result.operator)
    expired.value = false
    reauthResolve?.(true)
    reauthResolve = null
    await retire(old)
  }

  /**
   * Proves the operator is present (leaving kiosk mode, signing out of it): a fresh sign-in with
   * the password. The tab carries on with the new session; the one it replaces is logged out.
   */
  async function confirmPassword(password: string) {
    const old = sessionId.value
    const result = await auth.login(operator.value?.loginId ?? '', password)
    adopt(result.sessionId, result.operator)
    await retire(old)
  }

  setSessionExpiredHandler(waitForReauth)

  return {
    operator,
    sessionId,
    expired,
    signedIn,
    restore,
    signIn,
    signOut,
    onSignOut,
    beforeSignOut,
    reauthenticate,
    waitForReauth,
    confirmPassword,
  }
})

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useSessionStore, import.meta.hot))
