import { acceptHMRUpdate, defineStore } from 'pinia'
import { ref, watch } from 'vue'
import { onClientEvent } from '@/api/client.ts'
import { getDemoInfo, type DemoInfo } from '@/api/demo.ts'
import { ping } from '@/api/health.ts'

/** While the server is unreachable, how often to knock (ms). */
export const PROBE_INTERVAL_MS = 5_000

/** What the app knows about the BioStar server: demo or real, and whether it answers. */
export const useServerStore = defineStore('server', () => {
  const demo = ref<DemoInfo | null>(null)
  /** 'retrying' while a call is being resent, 'down' after retries gave up, else 'ok'. */
  const connection = ref<'ok' | 'retrying' | 'down'>('ok')
  const retry = ref<{ attempt: number; max: number } | null>(null)

  async function detectDemo() {
    demo.value = await getDemoInfo()
  }

  onClientEvent((event) => {
    if (event.type === 'ok') {
      connection.value = 'ok'
      retry.value = null
    } else if (event.type === 'retry') {
      connection.value = 'retrying'
      retry.value = { attempt: event.attempt, max: event.maxTries }
    } else if (event.error.transient) {
      connection.value = 'down'
      retry.value = null
    }
  })

  // When the server went away, knock every few seconds so the app notices its return by itself
  // (no reload, no click). The loop ends as soon as any call succeeds.
  let probe: ReturnType<typeof setTimeout> | null = null
  function scheduleProbe() {
    if (probe) return
    probe = setTimeout(async () => {
      probe = null
      if (connection.value !== 'down') return
      if (await ping()) connection.value = 'ok'
      else scheduleProbe()
    }, PROBE_INTERVAL_MS)
  }
  watch(connection, (state) => {
    if (state === 'down') scheduleProbe()
  })
  if (typeof window !== 'undefined') {
    window.addEventListener('online', () => {
      if (connection.value === 'down') void ping().then((up) => up && (connection.value = 'ok'))
    })
  }

  return { demo, connection, retry, detectDemo }
})

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useServerStore, import.meta.hot))
