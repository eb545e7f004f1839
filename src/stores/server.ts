import { acceptHMRUpdate, defineStore } from 'pinia'
import { ref } from 'vue'
import { onClientEvent } from '@/api/client.ts'
import { getDemoInfo, type DemoInfo } from '@/api/demo.ts'

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

  return { demo, connection, retry, detectDemo }
})

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useServerStore, import.meta.hot))
