import { onScopeDispose, ref, watch, type Ref } from 'vue'
import type { Outcome } from '@/stores/enrollment.ts'

/** Seconds a kiosk shows the result before it clears itself for the next person. */
export const KIOSK_RESET_SECONDS = 5

/**
 * Kiosk mode: after a save (stored, or kept on the device) the desk clears itself for the next
 * person after a short countdown. The photo is on its way; Undo is for a clerk's desk, not for
 * the public.
 */
export function useKioskReset(
  outcome: Ref<Outcome | null>,
  options: { enabled: () => boolean; reset: () => void; seconds?: number },
) {
  const resetIn = ref(0)
  let timer: ReturnType<typeof setInterval> | null = null

  function stop() {
    if (timer) clearInterval(timer)
    timer = null
    resetIn.value = 0
  }

  watch(outcome, (o) => {
    stop()
    if (!options.enabled() || !o || (o.kind !== 'saved' && o.kind !== 'pending')) return
    resetIn.value = options.seconds ?? KIOSK_RESET_SECONDS
    timer = setInterval(() => {
      resetIn.value--
      if (resetIn.value > 0) return
      stop()
      options.reset()
    }, 1000)
  })
  onScopeDispose(stop)

  return { resetIn, stop }
}
